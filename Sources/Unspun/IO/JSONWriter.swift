/// Writes JSON compactly on one line, non-ASCII text as UTF-8 (not \u escapes), as datatrove
/// and Dolma write their JSONL.
public enum JSONWriter {
    public static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, field) in object.fields.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(field.key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(field.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    public static func string(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static let quotes = WordScan.repeated(UInt8(ascii: "\"")), backslashes = WordScan.repeated(UInt8(ascii: "\\"))
    private static let e2s = WordScan.repeated(0xE2)

    public static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var copy = text
        let quotes = Self.quotes
        let backslashes = Self.backslashes
        let e2s = Self.e2s
        copy.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                // Skip eight bytes at a time while none is a quote, backslash, control byte or 0xE2.
                index = WordScan.skip(bytes, from: index) { word in
                    WordScan.below(word, 0x20) | WordScan.equal(word, quotes) | WordScan.equal(word, backslashes) | WordScan.equal(word, e2s)
                }
                guard index < bytes.count else { break }
                let byte = bytes[index]
                index += 1
                // U+2028 and U+2029 are escaped too: JavaScript and line splitters take them for line ends.
                let at = index - 1
                if byte == 0xE2, at + 2 < bytes.count, bytes[at + 1] == 0x80, bytes[at + 2] & 0xFE == 0xA8 {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<at]))
                    output.append(contentsOf: (bytes[at + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    runStart = at + 3
                    index = at + 3
                    continue
                }
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<at]))
                runStart = at + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case 0x09: output.append(UInt8(ascii: "t"))
                default:
                    output.append(contentsOf: "u00".utf8)
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0xF)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
