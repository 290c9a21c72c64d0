/// Case-folded identities of word tokens, as 64-bit hashes, so rule matching compares integers
/// instead of building strings. Typographic apostrophes fold to "'" ("shouldn’t" = "shouldn't").
enum TokenKeys {
    /// FNV-1a over the case-folded bytes of `bytes[range]`.
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        if let hash = hash(bytes, range, asciiOnly: true) { return hash }
        // Non-ASCII letters: fold with ICU (ß -> ss, Σ -> σ) and hash that.
        let folded = UnicodeText.mapCase(UnsafeBufferPointer(rebasing: bytes[range]), .fold)
        return folded.withUnsafeBufferPointer { hash($0, 0..<$0.count, asciiOnly: false) } ?? 0
    }

    static func key(_ text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { key($0, 0..<$0.count) }
    }

    /// Hashes with ASCII letters lowercased; with `asciiOnly`, nil at the first other non-ASCII byte.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, asciiOnly: Bool) -> UInt64? {
        var hash = FNV1a.basis
        var index = range.lowerBound
        while index < range.upperBound {
            var byte = bytes[index]
            if byte == 0xE2, index + 2 < range.upperBound, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0x99 || bytes[index + 2] == 0x98
            {
                byte = UInt8(ascii: "'")
                index += 2
            } else if byte >= 0x80 {
                if asciiOnly { return nil }
            } else if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") {
                byte |= 0x20
            }
            hash = FNV1a.feed(hash, UInt64(byte))
            index += 1
        }
        return hash
    }
}
