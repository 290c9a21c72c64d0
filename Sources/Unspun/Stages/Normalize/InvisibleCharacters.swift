/// Removes characters that render as nothing and only get in the way of matching: zero-width
/// space (U+200B), word joiner (U+2060), byte-order mark / zero-width no-break space (U+FEFF)
/// and soft hyphen (U+00AD). Zero-width joiner and non-joiner stay: Persian, Indic scripts and
/// emoji sequences need them.
struct InvisibleCharacters: NormalizationRule {
    let name = "invisible"
    /// Lead bytes of U+00AD, U+200B, U+2060 and U+FEFF.
    let triggers = ByteSet([0xC2, 0xE2, 0xEF])

    func step(_ input: UnsafeBufferPointer<UInt8>, at index: Int, into collector: inout EditCollector) -> Int {
        let byte = input[index]
        if byte == 0xC2, index + 1 < input.count, input[index + 1] == 0xAD {
            collector.delete(index..<index + 2)
            return index + 2
        }
        guard byte == 0xE2 || byte == 0xEF, index + 2 < input.count else { return index + 1 }
        let (scalar, length) = UTF8Scalars.decode(input, at: index)
        if scalar == 0x200B || scalar == 0x2060 || scalar == 0xFEFF { collector.delete(index..<index + length) }
        return index + length
    }
}
