/// The single-byte encodings scraped text most often arrives in, besides UTF-8.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case latin1 = "latin-1"
    case cp1252 = "windows-1252"

    /// Windows-1252's characters for bytes 0x80...0x9F; nil where the code page leaves a hole
    /// (those bytes fall back to the C1 control of the same value, as browsers do).
    static let cp1252High: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    /// The scalar a byte stands for in this encoding (not meaningful for UTF-8).
    static func scalar(forByte byte: UInt8, in encoding: TextEncoding) -> UInt32 {
        if encoding == .cp1252, (0x80...0x9F).contains(byte), let mapped = cp1252High[Int(byte - 0x80)] { return mapped }
        return UInt32(byte)
    }

    /// Converts bytes in this encoding to UTF-8.
    public func utf8Bytes<Bytes: Collection<UInt8>>(from bytes: Bytes) -> [UInt8] {
        if self == .utf8 { return Array(bytes) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                output.append(contentsOf: UTF8.encode(Unicode.Scalar(Self.scalar(forByte: byte, in: self))!)!)
            }
        }
        return output
    }
}
