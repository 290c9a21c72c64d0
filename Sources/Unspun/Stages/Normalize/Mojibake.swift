/// Repairs UTF-8 that was decoded as Windows-1252 (or Latin-1) on its way to the scrape:
/// `â€™` back to `’`, `Ã©` to `é`, `Â ` to a no-break space. A run is repaired only when its
/// characters, read back as single bytes, form complete, valid UTF-8 sequences of two or more
/// bytes, which ordinary text in any language practically never does.
struct Mojibake: NormalizationRule {
    let name = "mojibake"
    /// A misread lead byte is always Â...ô, which starts with 0xC3.
    let triggers = ByteSet([0xC3])

    func step(_ input: UnsafeBufferPointer<UInt8>, at index: Int, into collector: inout EditCollector) -> Int {
        // A misread UTF-8 lead byte (0xC2...0xF4) shows up as Â...ô, which UTF-8 writes as 0xC3 0x82...0xB4.
        guard input[index] == 0xC3, let (end, repaired) = Self.repairedRun(in: input, at: index) else { return index + 1 }
        collector.replace(index..<end, with: repaired)
        return end
    }

    /// From `start`, reads as many misread UTF-8 sequences as follow one another and returns the
    /// end of the run with the bytes it stands for, or nil when none is there.
    private static func repairedRun(in input: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, [UInt8])? {
        var index = start
        var repaired: [UInt8] = []
        while index < input.count, let (end, bytes) = sequence(in: input, at: index) {
            repaired.append(contentsOf: bytes)
            index = end
        }
        return repaired.isEmpty ? nil : (index, repaired)
    }

    /// One misread sequence: a lead character and its continuation characters.
    private static func sequence(in input: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, [UInt8])? {
        guard input[start] >= 0x80 else { return nil }
        let (leadScalar, leadLength) = UTF8Scalars.decode(input, at: start)
        guard let lead = TextEncoding.byte(forMisreadScalar: leadScalar), (0xC2...0xF4).contains(lead) else { return nil }
        let length = lead < 0xE0 ? 2 : (lead < 0xF0 ? 3 : 4)
        var bytes = [lead]
        var index = start + leadLength
        while bytes.count < length {
            guard index < input.count, input[index] >= 0x80 else { return nil }
            let (scalar, scalarLength) = UTF8Scalars.decode(input, at: index)
            guard let byte = TextEncoding.byte(forMisreadScalar: scalar), byte & 0xC0 == 0x80 else { return nil }
            bytes.append(byte)
            index += scalarLength
        }
        let valid = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) == bytes.count }
        return valid ? (index, bytes) : nil
    }
}
