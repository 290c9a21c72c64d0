/// Text read back as the UTF-8 it was before a code page misread it: the characters written in
/// that page again, then decoded as UTF-8. Each piece says which characters one decoded
/// character replaces, so that the repair can be recorded edit by edit.
///
/// Three kinds of damage on top of the misreading are undone on the way, each only inside a
/// sequence that is otherwise valid UTF-8: a byte 0xA0 that became a space (`Ã ` for `à`), a
/// byte lost to U+FFFD or `?` (the sequence then reads as U+FFFD; only in the Windows pages,
/// whose decoders lose bytes that way), and emoji written as surrogate pairs (CESU-8).
struct Rereading {
    struct Piece {
        var start: Int, end: Int, scalar: UInt32
    }

    private(set) var pieces: [Piece] = []

    /// Nil when a character has no byte in `page`, or the bytes are not UTF-8 even so.
    init?(_ scalars: ArraySlice<UInt32>, as page: CodePage) {
        var bytes: [UInt8] = []
        var origins: [Int] = []
        bytes.reserveCapacity(scalars.count)
        for (index, scalar) in zip(scalars.indices, scalars) {
            // A real SUB character would read as a lost byte.
            guard let byte = page.byte(for: scalar), !(page.sloppy && scalar == 0x1A) else { return nil }
            bytes.append(byte)
            origins.append(index)
        }
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                let lost = page.sloppy && lead == CodePage.lostByte
                pieces.append(Piece(start: origins[index], end: origins[index] + 1, scalar: lost ? 0xFFFD : UInt32(lead)))
                index += 1
            } else if lead == 0xC3, page.spacesMayBeNoBreak, Self.isGraveAWord(bytes, at: index) {
                // `à` whose no-break space merged with the space after it.
                pieces.append(Piece(start: origins[index], end: origins[index] + 1, scalar: 0xE0))
                index += 1
            } else {
                guard let (length, scalar) = Self.sequence(&bytes, at: index, in: page) else { return nil }
                pieces.append(Piece(start: origins[index], end: origins[index + length - 1] + 1, scalar: scalar))
                index += length
            }
        }
    }

    var scalars: [UInt32] { pieces.map(\.scalar) }

    /// `Ã` then one space that is not itself doubled and does not start the Portuguese `às`,
    /// `àquele`, `àquela`, `àquilo` (whose space stands for the no-break space, not a gap).
    private static func isGraveAWord(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 1 < bytes.count, bytes[index + 1] == 0x20 else { return false }
        let rest = bytes[(index + 2)...].prefix(5)
        if rest.first == 0x20 || rest.starts(with: [0x73, 0x20]) { return false }
        return !["quele", "quela", "quilo"].contains { rest.elementsEqual($0.utf8) }
    }

    /// The UTF-8 sequence at `index`: its length and scalar, a lost byte making it U+FFFD.
    private static func sequence(_ bytes: inout [UInt8], at index: Int, in page: CodePage) -> (Int, UInt32)? {
        let lead = bytes[index]
        guard (0xC2...0xF4).contains(lead) else { return nil }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + length <= bytes.count else { return nil }
        var lost = 0
        var questions = 0
        for position in 1..<length {
            let byte = bytes[index + position]
            if byte & 0xC0 == 0x80 { continue }
            if byte == 0x20, page.spacesMayBeNoBreak, restoresNoBreakSpace(bytes, at: index, position: position, length: length) {
                bytes[index + position] = 0xA0
            } else if page.sloppy, byte == 0x3F {
                questions += 1
            } else if page.sloppy, byte == CodePage.lostByte {
                lost += 1
            } else {
                return nil
            }
        }
        if lost + questions > 0 {
            // `?` for a lost byte only once a sequence, and after Â or Ã only among two-byte ones.
            return questions <= 1 && (length > 2 || lead <= 0xC3 || questions == 0) ? (length, 0xFFFD) : nil
        }
        if lead == 0xED, bytes[index + 1] >= 0xA0 { return surrogatePair(bytes, at: index) }
        let scalar = bytes.withUnsafeBufferPointer { UTF8Scalars.decode($0, at: index).scalar }
        // Overlong forms and values past U+10FFFF.
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        return scalar >= minimum && scalar <= 0x10FFFF ? (length, scalar) : nil
    }

    /// A space inside a sequence whose lead makes a likely character with 0xA0 there (no-break
    /// space, à, Š, Π, Р, Arabic zero; the U+2000 and U+3000 blocks; emoji).
    private static func restoresNoBreakSpace(_ bytes: [UInt8], at index: Int, position: Int, length: Int) -> Bool {
        let lead = bytes[index]
        func plainContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 && byte != 0x85 && byte != 0xA0 }
        switch length {
        case 2: return [0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9].contains(lead)
        case 3:
            return position == 1
                ? (lead == 0xE2 || lead == 0xE3) && plainContinuation(bytes[index + 2])
                : (0xE0...0xE3).contains(lead) && plainContinuation(bytes[index + 1])
        default:
            return lead == 0xF0 && (1..<4).allSatisfy { $0 == position || bytes[index + $0] & 0xC0 == 0x80 }
        }
    }

    /// A supplementary scalar written as two UTF-8-encoded surrogates (CESU-8), six bytes.
    private static func surrogatePair(_ bytes: [UInt8], at index: Int) -> (Int, UInt32)? {
        guard index + 6 <= bytes.count, bytes[index + 1] <= 0xAF, bytes[index + 2] & 0xC0 == 0x80, bytes[index + 3] == 0xED,
            (0xB0...0xBF).contains(bytes[index + 4]), bytes[index + 5] & 0xC0 == 0x80
        else { return nil }
        let high = UInt32(bytes[index + 1] & 0x0F) << 6 | UInt32(bytes[index + 2] & 0x3F)
        let low = UInt32(bytes[index + 4] & 0x0F) << 6 | UInt32(bytes[index + 5] & 0x3F)
        return (6, 0x10000 + (high << 10 | low))
    }
}

extension Rereading.Piece {
    /// Whether the piece is other than the one character it stands in for.
    func changes(_ scalars: [UInt32]) -> Bool { end - start != 1 || scalars[start] != scalar }
}

extension Rereading {
    func changes(_ scalars: [UInt32]) -> Bool { pieces.contains { $0.changes(scalars) } }

    /// The score `score` gives the re-read characters, a lost byte's U+FFFD counted as the `?`
    /// it honestly is rather than as mojibake.
    func score(_ score: ([UInt32]) -> Int) -> Int { score(scalars.map { $0 == 0xFFFD ? 0x3F : $0 }) }

    /// This re-reading followed by `second`, a re-reading of its output, as one.
    func then(_ second: Rereading) -> Rereading {
        var composed = self
        composed.pieces = second.pieces.map {
            Piece(start: pieces[$0.start].start, end: pieces[$0.end - 1].end, scalar: $0.scalar)
        }
        return composed
    }
}
