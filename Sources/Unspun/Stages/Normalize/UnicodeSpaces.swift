/// Turns tabs, no-break spaces and the other Unicode spaces (U+1680, U+2000...U+200A, U+202F,
/// U+205F, U+3000) into a plain space.
struct UnicodeSpaces: NormalizationRule {
    let name = "space"

    func edits(in input: UnsafeBufferPointer<UInt8>, stage: String) -> [Edit] {
        var collector = EditCollector(stage: stage, rule: name, input: input)
        var index = 0
        let count = input.count
        let space: CollectionOfOne<UInt8> = CollectionOfOne(0x20)
        while index < count {
            let byte = input[index]
            if byte == 0x09 {
                collector.replace(index..<index + 1, with: space)
                index += 1
            } else if byte == 0xC2, index + 1 < count, input[index + 1] == 0xA0 {
                collector.replace(index..<index + 2, with: space)
                index += 2
            } else if (byte == 0xE1 || byte == 0xE2 || byte == 0xE3), index + 2 < count {
                let (scalar, length) = UTF8Scalars.decode(input, at: index)
                if scalar == 0x1680 || (0x2000...0x200A).contains(scalar) || scalar == 0x202F || scalar == 0x205F
                    || scalar == 0x3000
                {
                    collector.replace(index..<index + length, with: space)
                }
                index += length
            } else {
                index += 1
            }
        }
        return collector.edits
    }
}
