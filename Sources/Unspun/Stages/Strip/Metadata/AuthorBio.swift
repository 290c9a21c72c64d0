/// The author boxes of a page: a line that opens with the byline's name and says who the author
/// is (`Jane Doe is a reporter for ...`, `Jane Doe has covered ...`), below the headline. Only
/// the found author's name opens such a line, so the article's sentences about other people
/// stay. A page without a byline may still name its author in such a box: a name alone on its
/// line, and under it (past a role line) the bio, opening with that name or its first word and
/// speaking of a person early on ("she", "... . His work": a product's heading over its
/// definition, "Apache Spark" / "Apache Spark is a ...", reads like a name too).
enum AuthorBio {
    /// What follows the name in a bio line.
    static let verbs = [
        " is a ", " is an ", " is the ", " has been ", " has covered ", " has written ", " writes ", " covers ", " joined ", " was a ", " was an ",
    ]

    /// Words of a bio that say its subject is a person: "he" or "she", or a sentence opening
    /// with a pronoun ("Her expertise ..."); not "her" inside a sentence, which may be anyone's.
    static let pronouns = [" he ", " she ", ". He ", ". She ", ". His ", ". Her "].map { Array($0.utf8) }

    private static let verbBytes = verbs.map { Array($0.utf8) }

    static func lines(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], names: [String], after start: Int) -> [Int] {
        let openings = names.filter { $0.contains(" ") }.flatMap { name in verbs.map { Array((name + $0).utf8) } }
        guard !openings.isEmpty else { return [] }
        return ranges.indices.filter { index in
            guard index > start, ranges[index].count <= 1200 else { return false }
            let line = UnsafeBufferPointer(rebasing: bytes[ranges[index]])
            return line.last == UInt8(ascii: ".") && openings.contains { $0.count < line.count && line.starts(with: $0) }
        }
    }

    /// The name of the page's one author box: a name line (`name` reads a short line as one),
    /// below the headline (line `title`), at most three lines above its bio line (a role line or
    /// two between them). Nil when no box, or boxes of several people (a team page). Lines are
    /// read on their bytes: every long line of a page without a byline passes here.
    static func box(
        _ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], below title: Int, name: (Int) -> BylineText.Reading?
    ) -> (reading: BylineText.Reading, line: Int)? {
        var found: (reading: BylineText.Reading, line: Int)?
        for index in ranges.indices.dropFirst(title + 2) where ranges[index].count >= 40 && ranges[index].count <= 1200 {
            let line = UnsafeBufferPointer(rebasing: bytes[ranges[index]])
            guard DateParser.isUpper(line[0]) || line[0] >= 0x80, let space = line.prefix(24).firstIndex(of: 0x20) else { continue }
            // The name line, at most three lines above, opens with the bio's first word (after a
            // list mark): most lines fail here, before their words are looked at.
            let firstWord = UnsafeBufferPointer(rebasing: line[..<space])
            for above in stride(from: index - 1, through: max(title + 1, index - 3), by: -1) {
                guard ranges[above].count <= 60 else { continue }
                let candidate = UnsafeBufferPointer(rebasing: bytes[ranges[above]])
                let mark = Headline.listMarkLength(candidate)
                let named = UnsafeBufferPointer(rebasing: candidate[mark...])
                guard named.starts(with: firstWord), let verb = firstVerb(in: UnsafeBufferPointer(rebasing: line.prefix(80))),
                    named.starts(with: line[..<verb]), let reading = name(above)
                else { continue }
                // A person's bio says "she" or "He ..." early (a company's "Amazon is the largest
                // online retailer ..." under "Amazon Prime" does not).
                let opener = String(decoding: line[..<verb], as: UTF8.self)
                let opening = UnsafeBufferPointer(rebasing: line.prefix(Self.opening))
                let isBio =
                    reading.names.contains { name in name == opener || name.split(separator: " ").first.map(String.init) == opener }
                    && pronouns.contains { pronoun in Headline.find(pronoun, in: opening, last: false) != nil }
                guard isBio else { break }
                if let known = found, known.reading.names != reading.names { return nil }
                found = found ?? (reading, above)
                break
            }
        }
        return found
    }

    /// Where the first bio verb of `head` stands (every verb opens with a space, then one of
    /// few letters).
    private static func firstVerb(in head: UnsafeBufferPointer<UInt8>) -> Int? {
        for position in head.indices.dropLast() where head[position] == 0x20 && verbSeconds[Int(head[position + 1])] {
            let rest = UnsafeBufferPointer(rebasing: head[position...])
            if verbBytes.contains(where: { rest.starts(with: $0) }) { return position }
        }
        return nil
    }

    private static let verbSeconds: [Bool] = (0...255).map { byte in verbBytes.contains { $0[1] == byte } }

    /// How far into a bio its pronoun is looked for (bytes): about its first two sentences.
    static let opening = 240
}
