/// Folds runs of spaces into one and trims spaces at the start and end of every line.
/// Newlines are kept as they are: blank lines mark paragraphs.
struct Whitespace: NormalizationRule {
    let name = "whitespace"

    func edits(in input: UnsafeBufferPointer<UInt8>, stage: String) -> [Edit] {
        var collector = EditCollector(stage: stage, rule: name, input: input)
        var index = 0
        let count = input.count
        while index < count {
            guard input[index] == 0x20 else {
                index += 1
                continue
            }
            var end = index + 1
            while end < count, input[end] == 0x20 { end += 1 }
            let atLineStart = index == 0 || input[index - 1] == 0x0A
            let atLineEnd = end == count || input[end] == 0x0A
            if atLineStart || atLineEnd {
                collector.delete(index..<end)
            } else if end - index > 1 {
                collector.delete(index + 1..<end)
            }
            index = end
        }
        return collector.edits
    }
}
