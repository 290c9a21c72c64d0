/// Puts text in Unicode NFC with ICU, so that "e" + combining acute and "é" are one spelling.
/// Text is cut at ASCII whitespace, which never takes part in composition, and only pieces
/// with a scalar that NFC can change go to ICU.
struct CanonicalComposition: NormalizationRule {
    let name = "nfc"
    /// Lead bytes of U+0300 and above: below that, every scalar is inert.
    let triggers = ByteSet(0xCC...0xFF)

    func edits(in input: UnsafeBufferPointer<UInt8>, stage: String) -> [Edit] {
        var collector = EditCollector(stage: stage, rule: name, input: input)
        // Only scalars from U+0080 up can need ICU, so the scan jumps from one non-ASCII byte to
        // the next; a piece found to need a check is checked whole and skipped.
        let nonASCII = Self.nonASCII
        var pieceFloor = 0
        var index = nonASCII.firstMember(in: input, from: 0)
        while index < input.count {
            let (scalar, length) = UTF8Scalars.decode(input, at: index)
            if Self.isInert(scalar) {
                index = nonASCII.firstMember(in: input, from: index + length)
                continue
            }
            var start = index
            while start > pieceFloor, input[start - 1] > 0x20 { start -= 1 }
            var end = index + length
            while end < input.count, input[end] > 0x20 { end += 1 }
            check(start..<end, into: &collector)
            pieceFloor = end
            index = nonASCII.firstMember(in: input, from: end)
        }
        return collector.edits
    }

    private static let nonASCII = ByteSet(0x80...0xFF)

    private func check(_ range: Range<Int>, into collector: inout EditCollector) {
        let piece = UnsafeBufferPointer(rebasing: collector.input[range])
        guard !UnicodeText.isNormalized(piece, form: .nfc) else { return }
        let normal = UnicodeText.normalize(piece, form: .nfc)
        if !normal.elementsEqual(piece) { collector.replace(range, with: normal) }
    }

    /// Scalars that NFC leaves alone whatever surrounds them (starters that compose with
    /// nothing before them and have no decomposition), checked without calling ICU.
    private static func isInert(_ scalar: UInt32) -> Bool {
        scalar < 0x300 || (0x2010...0x2027).contains(scalar) || (0x2030...0x205E).contains(scalar)
            || (0x20A0...0x20BF).contains(scalar)
    }
}
