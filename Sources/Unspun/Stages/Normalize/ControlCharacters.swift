/// Removes control characters (C0 but tab and newline, DEL, and C1), which carry no text and
/// break JSON consumers and terminals.
struct ControlCharacters: NormalizationRule {
    let name = "control"
    /// C0 controls but tab and line ends, DEL, and the lead byte of C1 controls.
    let triggers = ByteSet(Array(0x00...0x08) + [0x0B, 0x0C] + Array(0x0E...0x1F) + [0x7F, 0xC2])

    func step(_ input: UnsafeBufferPointer<UInt8>, at index: Int, into collector: inout EditCollector) -> Int {
        let byte = input[index]
        if (byte < 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D) || byte == 0x7F {
            collector.delete(index..<index + 1)
        } else if byte == 0xC2, index + 1 < input.count, (0x80...0x9F).contains(input[index + 1]) {
            collector.delete(index..<index + 2)
            return index + 2
        }
        return index + 1
    }
}
