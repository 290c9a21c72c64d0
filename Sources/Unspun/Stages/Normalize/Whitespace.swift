/// Folds runs of spaces into one and trims spaces at the start and end of every line.
/// Newlines are kept as they are: blank lines mark paragraphs.
struct Whitespace: NormalizationRule {
    let name = "whitespace"
    /// Runs of spaces.
    let triggers = ByteSet([0x20])

    /// Text is full of single spaces between words, which need nothing; this scan looks eight
    /// bytes at a time for the places that may: two spaces, a space before a newline, a newline
    /// before a space.
    func edits(in input: UnsafeBufferPointer<UInt8>, stage: String) -> [Edit] {
        var collector = EditCollector(stage: stage, rule: name, input: input)
        guard let base = input.baseAddress else { return [] }
        let space = WordScan.repeated(0x20)
        let newline = WordScan.repeated(0x0A)
        var index = input.first == 0x20 ? step(input, at: 0, into: &collector) : 0
        // Each word is compared with the word one byte further on, so nine bytes must remain.
        while index + 9 <= input.count {
            let here = WordScan.load(base, index)
            let next = WordScan.load(base, index + 1)
            let spaceHere = WordScan.equal(here, space)
            let spaceNext = WordScan.equal(next, space)
            let flagged = (spaceHere & (spaceNext | WordScan.equal(next, newline))) | (WordScan.equal(here, newline) & spaceNext)
            if flagged == 0 {
                index += 8
                continue
            }
            let at = index + WordScan.firstFlagged(flagged)
            // A flagged newline stands before the space to fold.
            index = step(input, at: base[at] == 0x20 ? at : at + 1, into: &collector)
        }
        while index < input.count {
            index = input[index] == 0x20 ? step(input, at: index, into: &collector) : index + 1
        }
        return collector.edits
    }

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
