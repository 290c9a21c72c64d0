/// A JSONL record that this process wrote, read without being built: where its first "text" and
/// "metadata" values lie and which keys its metadata has. Pass 2 of `clean` adds a story's fields
/// to a spooled record by splicing bytes into its metadata, instead of parsing and rewriting a
/// record whose edits and removed lines are often most of it.
///
/// The scan relies on what `JSONWriter` writes (no whitespace, keys without escapes); anything
/// else makes `init` fail, and the caller parses the record instead.
struct RawRecord {
    let bytes: [UInt8]
    /// The "text" string, quotes included, exactly as `JSONWriter` encodes it.
    let text: Range<Int>
    /// The "metadata" object, braces included.
    let metadata: Range<Int>
    /// The metadata's keys, quotes included.
    private let metadataKeys: [Range<Int>]
    /// The other top-level fields (`url`, ...), each `"key":value` as written, in order.
    let otherFields: [Range<Int>]

    init?(_ bytes: [UInt8]) {
        var text: Range<Int>?
        var metadata: Range<Int>?
        var metadataKeys: [Range<Int>] = []
        var otherFields: [Range<Int>] = []
        let complete = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var scanner = Scanner(bytes: buffer)
            return scanner.object { key, value in
                if text == nil, Scanner.equals(buffer, key, "\"text\"") {
                    guard buffer[value.lowerBound] == UInt8(ascii: "\"") else { return false }
                    text = value
                } else if metadata == nil, Scanner.equals(buffer, key, "\"metadata\"") {
                    guard buffer[value.lowerBound] == UInt8(ascii: "{") else { return false }
                    metadata = value
                    var inner = Scanner(bytes: buffer, position: value.lowerBound)
                    guard
                        inner.object({ key, _ in
                            metadataKeys.append(key)
                            return true
                        })
                    else { return false }
                } else if !Scanner.equals(buffer, key, "\"id\"") {
                    otherFields.append(key.lowerBound..<value.upperBound)
                }
                return true
            } && scanner.position == buffer.count
        }
        guard complete, let text, let metadata else { return nil }
        self.bytes = bytes
        self.text = text
        self.metadata = metadata
        self.metadataKeys = metadataKeys
        self.otherFields = otherFields
    }

    func metadataHasKey(_ key: String) -> Bool {
        let quoted = Array("\"\(key)\"".utf8)
        return metadataKeys.contains { bytes[$0].elementsEqual(quoted) }
    }

    /// The record with `fields` (already encoded values) added at the end of its metadata, as
    /// setting them on the parsed metadata and writing it again would give.
    func addingToMetadata(_ fields: [(key: String, value: [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        let close = metadata.upperBound - 1
        output.append(contentsOf: bytes[..<close])
        for (index, field) in fields.enumerated() {
            if index > 0 || !metadataKeys.isEmpty { output.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(field.key, into: &output)
            output.append(UInt8(ascii: ":"))
            output.append(contentsOf: field.value)
        }
        output.append(contentsOf: bytes[close...])
        return output
    }

    /// Finds the extent of JSON values as `JSONWriter` writes them.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>, position: Int = 0) {
            self.bytes = bytes
            self.position = position
        }

        static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: StaticString) -> Bool {
            range.count == text.utf8CodeUnitCount && (0..<range.count).allSatisfy { bytes[range.lowerBound + $0] == text.utf8Start[$0] }
        }

        /// Reads an object from `position`, calling `field` with each key's and value's range;
        /// false when the bytes are not such an object or `field` says stop.
        mutating func object(_ field: (_ key: Range<Int>, _ value: Range<Int>) -> Bool) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { return false }
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return true
            }
            while true {
                let keyStart = position
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), skipString() else { return false }
                let key = keyStart..<position
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return false }
                position += 1
                let valueStart = position
                guard skipValue(), field(key, valueStart..<position), position < bytes.count else { return false }
                switch bytes[position] {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "}"):
                    position += 1
                    return true
                default: return false
                }
            }
        }

        /// Steps over the string at `position` (its opening quote), eight bytes at a time
        /// between quotes and backslashes.
        private mutating func skipString() -> Bool {
            position += 1
            let quotes = JSONWriter.quotes
            let backslashes = JSONWriter.backslashes
            while position < bytes.count {
                position = WordScan.skip(bytes, from: position) { word in
                    WordScan.equal(word, quotes) | WordScan.equal(word, backslashes)
                }
                guard position < bytes.count else { return false }
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    position += 1
                    return true
                case UInt8(ascii: "\\"): position += 2
                default: position += 1
                }
            }
            return false
        }

        /// Steps over any value: strings, and objects and arrays by their nesting.
        private mutating func skipValue() -> Bool {
            guard position < bytes.count else { return false }
            switch bytes[position] {
            case UInt8(ascii: "\""): return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: "\""):
                        guard skipString() else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            position += 1
                            return true
                        }
                    default: break
                    }
                    position += 1
                }
                return false
            default:
                // Numbers, true, false, null: up to the next delimiter.
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: ","), bytes[position] != UInt8(ascii: "}"),
                    bytes[position] != UInt8(ascii: "]")
                {
                    position += 1
                }
                return position > start
            }
        }
    }
}
