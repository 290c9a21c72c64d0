/// The author boxes at the end of a page: a line that opens with the byline's name and says who
/// the author is (`Jane Doe is a reporter for ...`, `Jane Doe has covered ...`), below the
/// headline. Only the found author's name opens such a line, so the article's sentences about
/// other people stay.
enum AuthorBio {
    /// What follows the name in a bio line.
    static let verbs = [
        " is a ", " is an ", " is the ", " has been ", " has covered ", " has written ", " writes ", " covers ", " joined ", " was a ", " was an ",
    ]

    static func lines(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], names: [String], after start: Int) -> [Int] {
        let openings = names.filter { $0.contains(" ") }.flatMap { name in verbs.map { Array((name + $0).utf8) } }
        guard !openings.isEmpty else { return [] }
        return ranges.indices.filter { index in
            guard index > start, ranges[index].count <= 1200 else { return false }
            let line = UnsafeBufferPointer(rebasing: bytes[ranges[index]])
            return line.last == UInt8(ascii: ".") && openings.contains { $0.count < line.count && line.starts(with: $0) }
        }
    }
}
