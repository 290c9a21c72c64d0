/// One line of text as scalars, for the mojibake repair: where its runs of misread UTF-8 are,
/// and how a re-reading of part of it becomes edits.
struct MisreadLine {
    private(set) var scalars: [UInt32] = []
    /// The byte offset of each scalar in the text, and the line's end.
    private var offsets: [Int] = []

    init(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var index = range.lowerBound
        while index < range.upperBound {
            let (scalar, length) = UTF8Scalars.decode(input, at: index)
            scalars.append(scalar)
            offsets.append(index)
            index += length
        }
        offsets.append(range.upperBound)
    }

    /// Replaces each stretch of characters the re-reading changes, under the pages' names.
    func record(_ reading: Rereading, pages: String, into collector: inout EditCollector) {
        let pieces = reading.pieces
        var index = 0
        collector.rule = "mojibake:" + pages
        while index < pieces.count {
            guard pieces[index].changes(scalars) else {
                index += 1
                continue
            }
            let first = index
            var bytes: [UInt8] = []
            while index < pieces.count, pieces[index].changes(scalars) {
                bytes.append(contentsOf: UTF8Scalars.encode(pieces[index].scalar))
                index += 1
            }
            collector.replace(offsets[pieces[first].start]..<offsets[pieces[index - 1].end], with: bytes)
        }
    }

    /// C1 controls that Windows-1252 gives a character: a Windows-1252 text read as Latin-1.
    func recordC1Controls(into collector: inout EditCollector) {
        collector.rule = "mojibake:windows-1252-c1"
        for (index, scalar) in scalars.enumerated() where (0x80...0x9F).contains(scalar) {
            guard let mapped = TextEncoding.cp1252High[Int(scalar - 0x80)] else { continue }
            collector.replace(offsets[index]..<offsets[index + 1], with: UTF8Scalars.encode(mapped))
        }
    }

    /// Runs of characters that read as whole UTF-8 sequences in some code page (a lead, then as
    /// many continuations as it needs, a space standing for 0xA0), not starting right after a
    /// continuation, where a run would only be the tail of a longer garble.
    func runs() -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            if index > 0, Self.isContinuationOnly(scalars[index - 1]) {
                index += 1
                continue
            }
            var end = index
            while let length = sequenceLength(at: end) { end += length }
            if end > index { runs.append(index..<end) }
            index = max(end, index + 1)
        }
        return runs
    }

    private func sequenceLength(at index: Int) -> Int? {
        guard index < scalars.count, let role = Self.roles[scalars[index]] else { return nil }
        for length in 2...4 where role & Self.leadRole(length) != 0 {
            guard index + length <= scalars.count else { return nil }
            let continues = scalars[(index + 1)..<(index + length)].allSatisfy {
                $0 == 0x20 || (Self.roles[$0] ?? 0) & Self.continuation != 0
            }
            if continues { return length }
        }
        return nil
    }

    private static func isContinuationOnly(_ scalar: UInt32) -> Bool {
        guard let role = roles[scalar] else { return false }
        return role == continuation
    }

    private static let continuation: UInt8 = 1
    private static func leadRole(_ length: Int) -> UInt8 { 1 << length }

    /// For each scalar above 0x7F, the UTF-8 byte roles it has in any code page: continuation,
    /// or lead of a sequence of 2, 3 or 4 bytes. U+FFFD may stand for a lost continuation.
    private static let roles: [UInt32: UInt8] = {
        var roles: [UInt32: UInt8] = [0xFFFD: continuation]
        for page in CodePage.all {
            for (offset, scalar) in page.high.enumerated() {
                let byte = 0x80 + offset
                let role: UInt8 =
                    byte < 0xC0 ? continuation : byte < 0xC2 ? 0 : byte < 0xE0 ? leadRole(2) : byte < 0xF0 ? leadRole(3) : byte < 0xF5 ? leadRole(4) : 0
                roles[scalar, default: 0] |= role
            }
        }
        return roles
    }()
}
