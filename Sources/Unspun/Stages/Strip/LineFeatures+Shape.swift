import Foundation

/// Byte-level tests of a line's shape that `measure` asks: how it ends, whether it opens like code.
extension LineFeatures {
    /// 1 period, 2 question/exclamation, 3 colon, 4 closing quote, 5 other punctuation, 6 none.
    static func endClass(_ line: UnsafeBufferPointer<UInt8>) -> UInt8 {
        guard let last = line.last else { return 6 }
        switch last {
        case UInt8(ascii: "."): return 1
        case UInt8(ascii: "!"), UInt8(ascii: "?"): return 2
        case UInt8(ascii: ":"): return 3
        case UInt8(ascii: "\""), UInt8(ascii: "'"), 0x9D, 0x99: return 4  // ” and ’ end in 0x9D / 0x99
        case UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "]"), 0xA6: return 5  // … ends in 0xA6
        default: return 6
        }
    }

    static let keywords: [StaticString] = [
        "return ", "const ", "let ", "var ", "def ", "import ", "func ", "fn ", "if (", "if err", "for (", "public ", "private ",
        "class ", "struct ", "function ", "package ", "from ", "print(", "console.", "echo ", "sudo ", "npm ", "pip ", "git ",
    ]

    static func startsWithKeyword(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        // Every keyword starts with a lowercase letter; most lines do not.
        guard let first = line.first, first &- UInt8(ascii: "a") < 26 else { return false }
        return keywords.contains { keyword in
            let count = keyword.utf8CodeUnitCount
            guard line.count >= count else { return false }
            for offset in 0..<count where line[offset] != keyword.utf8Start[offset] { return false }
            return true
        }
    }

    /// Whether the three bytes at `offset` are `word` (lowercase ASCII letters), in either case.
    @inline(__always)
    static func lowercased(_ base: UnsafePointer<UInt8>, _ offset: Int, is word: StaticString) -> Bool {
        let letters = word.utf8Start
        return base[offset] | 0x20 == letters[0] && base[offset + 1] | 0x20 == letters[1] && base[offset + 2] | 0x20 == letters[2]
    }
}
