/// Turns tabs, no-break spaces and the other Unicode spaces (U+1680, U+2000...U+200A, U+202F,
/// U+205F, U+3000) into a plain space.
struct UnicodeSpaces: NormalizationRule {
    let name = "space"
    /// Tab, and lead bytes of the Unicode spaces.
    let triggers = ByteSet([0x09, 0xC2, 0xE1, 0xE2, 0xE3])

    func step(_ input: UnsafeBufferPointer<UInt8>, at index: Int, into collector: inout EditCollector) -> Int {
        let byte = input[index]
        let space: CollectionOfOne<UInt8> = CollectionOfOne(0x20)
        if byte == 0x09 {
            collector.replace(index..<index + 1, with: space)
            return index + 1
        }
        if byte == 0xC2, index + 1 < input.count, input[index + 1] == 0xA0 {
            collector.replace(index..<index + 2, with: space)
            return index + 2
        }
        guard byte == 0xE1 || byte == 0xE2 || byte == 0xE3, index + 2 < input.count else { return index + 1 }
        let (scalar, length) = UTF8Scalars.decode(input, at: index)
        if scalar == 0x1680 || (0x2000...0x200A).contains(scalar) || scalar == 0x202F || scalar == 0x205F || scalar == 0x3000 {
            collector.replace(index..<index + length, with: space)
        }
        return index + length
    }
}
