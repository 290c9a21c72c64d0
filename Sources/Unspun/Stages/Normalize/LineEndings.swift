/// Ends every line with "\n": Windows "\r\n", old Mac "\r", and Unicode's line and paragraph
/// separators (U+2028, U+2029).
struct LineEndings: NormalizationRule {
    let name = "line-ending"

    func edits(in input: UnsafeBufferPointer<UInt8>, stage: String) -> [Edit] {
        var collector = EditCollector(stage: stage, rule: name, input: input)
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            if byte == 0x0D {
                let end = index + 1 < count && input[index + 1] == 0x0A ? index + 2 : index + 1
                collector.replace(index..<end, with: CollectionOfOne(0x0A))
                index = end
            } else if byte == 0xE2, index + 2 < count, input[index + 1] == 0x80, input[index + 2] == 0xA8 || input[index + 2] == 0xA9 {
                collector.replace(index..<index + 3, with: CollectionOfOne(0x0A))
                index += 3
            } else {
                index += 1
            }
        }
        return collector.edits
    }
}
