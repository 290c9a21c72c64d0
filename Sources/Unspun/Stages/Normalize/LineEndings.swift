/// Ends every line with "\n": Windows "\r\n", old Mac "\r", and Unicode's line and paragraph
/// separators (U+2028, U+2029).
struct LineEndings: NormalizationRule {
    let name = "line-ending"
    /// CR, and the lead byte of U+2028 and U+2029.
    let triggers = ByteSet([0x0D, 0xE2])

    func step(_ input: UnsafeBufferPointer<UInt8>, at index: Int, into collector: inout EditCollector) -> Int {
        let byte = input[index]
        if byte == 0x0D {
            let end = index + 1 < input.count && input[index + 1] == 0x0A ? index + 2 : index + 1
            collector.replace(index..<end, with: CollectionOfOne(0x0A))
            return end
        }
        if byte == 0xE2, index + 2 < input.count, input[index + 1] == 0x80, input[index + 2] == 0xA8 || input[index + 2] == 0xA9 {
            collector.replace(index..<index + 3, with: CollectionOfOne(0x0A))
            return index + 3
        }
        return index + 1
    }
}
