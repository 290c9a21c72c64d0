/// Removes characters that render as nothing and only get in the way of matching: zero-width
/// space (U+200B), word joiner (U+2060), byte-order mark / zero-width no-break space (U+FEFF)
/// and soft hyphen (U+00AD). Zero-width joiner and non-joiner stay: Persian, Indic scripts and
/// emoji sequences need them.
struct InvisibleCharacters: NormalizationRule {
    let name = "invisible"

    func edits(in input: UnsafeBufferPointer<UInt8>, stage: String) -> [Edit] {
        var collector = EditCollector(stage: stage, rule: name, input: input)
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            if byte == 0xC2, index + 1 < count, input[index + 1] == 0xAD {
                collector.delete(index..<index + 2)
                index += 2
            } else if byte == 0xE2 || byte == 0xEF, index + 2 < count {
                let (scalar, length) = UTF8Scalars.decode(input, at: index)
                if scalar == 0x200B || scalar == 0x2060 || scalar == 0xFEFF { collector.delete(index..<index + length) }
                index += length
            } else {
                index += 1
            }
        }
        return collector.edits
    }
}
