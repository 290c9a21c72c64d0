/// Why a line is not valid JSON, with the byte column where the parser stopped.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let offset: Int
    public var description: String { "\(message) at byte \(offset + 1)" }
}

/// A strict JSON parser over UTF-8 bytes (RFC 8259), with a nesting limit so that hostile input
/// cannot exhaust the stack.
public struct JSONParser {
    public static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses one complete JSON text; trailing whitespace is allowed, anything else is an error.
    @_spi(Text) public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        try Array(text.utf8).withUnsafeBufferPointer { buffer throws(JSONError) in try parse(buffer) }
    }

    private func error(_ message: String) -> JSONError {
        JSONError(message: message, offset: position)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character '\(Unicode.Scalar(bytes[position]).escaped(asASCII: true))'")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("unexpected end of input") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            throw error("invalid literal")
        }
        position += count
    }

    private mutating func enter() throws(JSONError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func parseObject() throws(JSONError) -> JSONObject {
        try enter()
        defer { depth -= 1 }
        position += 1
        var fields: [(key: String, value: JSONValue)] = []
        var seen: Set<String> = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return JSONObject(fields)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a quoted field name")
            }
            let keyStart = position
            let key = try parseString()
            // Readers disagree on which of two equal keys counts (the first, the last): such a
            // record would be cleaned under one reading and used under another.
            if fields.count < 16 ? fields.contains(where: { $0.key == key }) : !insertKey(key, fields, into: &seen) {
                throw JSONError(message: "the field \"\(key)\" appears twice in one object", offset: keyStart)
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':'") }
            position += 1
            skipWhitespace()
            fields.append((key, try parseValue()))
            if try closes(UInt8(ascii: "}"), "an object") { return JSONObject(fields) }
        }
    }

    /// After an object's field or an array's element: whether `closing` ends the container
    /// there (true) or a comma leads to the next one (false); both are consumed.
    @inline(__always)
    private mutating func closes(_ closing: UInt8, _ container: String) throws(JSONError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input in \(container)") }
        let byte = bytes[position]
        guard byte == UInt8(ascii: ",") || byte == closing else { throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))'") }
        position += 1
        return byte == closing
    }

    /// Whether `key` is new to a large object: `seen` holds its keys from the 16th field on.
    private func insertKey(_ key: String, _ fields: [(key: String, value: JSONValue)], into seen: inout Set<String>) -> Bool {
        if seen.isEmpty { seen = Set(fields.map(\.key)) }
        return seen.insert(key).inserted
    }

    private mutating func parseArray() throws(JSONError) -> [JSONValue] {
        try enter()
        defer { depth -= 1 }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            if try closes(UInt8(ascii: "]"), "an array") { return elements }
        }
    }

    private mutating func parseNumber() throws(JSONError) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        if position == digitsStart { throw error("invalid number") }
        if bytes[digitsStart] == UInt8(ascii: "0"), position - digitsStart > 1 { throw error("leading zero in a number") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fraction = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            if position == fraction { throw error("invalid number") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            let exponent = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            if position == exponent { throw error("invalid number") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func parseString() throws(JSONError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while position < bytes.count {
            position = Self.nextSpecial(in: bytes, from: position)
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return try validated(slice, from: start)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in a string") }
            position += 1
        }
        var result = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            // Copy the run up to the next quote, escape or control byte in one go.
            var runEnd = Self.nextSpecial(in: bytes, from: position)
            while runEnd < bytes.count, bytes[runEnd] != UInt8(ascii: "\""), bytes[runEnd] != UInt8(ascii: "\\"), bytes[runEnd] >= 0x20 {
                runEnd += 1
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<runEnd]))
            position = runEnd
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return try result.withUnsafeBufferPointer { buffer throws(JSONError) in try validated(buffer, from: start) }
            }
            if byte < 0x20 { throw error("control character in a string") }
            position += 1
            guard position < bytes.count else { throw error("unexpected end of input in a string") }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escape)
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "f"): result.append(0x0C)
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "u"): try appendUnicodeEscape(to: &result)
            default: throw error("invalid escape '\\\(Unicode.Scalar(escape))'")
            }
        }
        throw error("unterminated string")
    }

    /// The first index from `start` that may end a string's plain run (a quote, a backslash or a
    /// control byte), found eight bytes at a time; the caller checks the byte itself.
    private static func nextSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let quotes = JSONWriter.quotes
        let backslashes = JSONWriter.backslashes
        return WordScan.skip(bytes, from: start) { word in
            WordScan.below(word, 0x20) | WordScan.equal(word, quotes) | WordScan.equal(word, backslashes)
        }
    }

    private func validated(_ slice: UnsafeBufferPointer<UInt8>, from start: Int) throws(JSONError) -> String {
        if let string = String(validating: slice, as: UTF8.self) { return string }
        throw JSONError(message: "invalid UTF-8 in a string", offset: start + UTF8Validation.firstInvalidOffset(in: slice))
    }

    private mutating func readHex4() throws(JSONError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("unexpected end of input in \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func appendUnicodeEscape(to result: inout [UInt8]) throws(JSONError) {
        var code = try readHex4()
        if (0xD800...0xDBFF).contains(code) {
            // A high surrogate must be followed by an escaped low surrogate.
            guard position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate in \\u escape") }
            position += 2
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
            throw error("unpaired surrogate in \\u escape")
        }
        guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
        result.append(contentsOf: UTF8.encode(scalar)!)
    }
}
