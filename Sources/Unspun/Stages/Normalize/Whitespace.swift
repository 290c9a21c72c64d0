/// Folds runs of spaces into one and trims spaces at the start and end of every line.
/// Newlines are kept as they are: blank lines mark paragraphs.
struct Whitespace: NormalizationRule {
    let name = "whitespace"
    /// Runs of spaces.
    let triggers = ByteSet([0x20])

    func step(_ input: UnsafeBufferPointer<UInt8>, at index: Int, into collector: inout EditCollector) -> Int {
        guard input[index] == 0x20 else { return index + 1 }
        var end = index + 1
        while end < input.count, input[end] == 0x20 { end += 1 }
        let atLineStart = index == 0 || input[index - 1] == 0x0A
        let atLineEnd = end == input.count || input[end] == 0x0A
        if atLineStart || atLineEnd {
            collector.delete(index..<end)
        } else if end - index > 1 {
            collector.delete(index + 1..<end)
        }
        return end
    }
}
