import CICU

/// An ICU error, with the call that failed.
public struct ICUError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let code: Int32
    public var description: String { "ICU \(operation) failed (error \(code))" }
}

/// ICU boundary analysis straight over UTF-8 (`utext_openUTF8`): no UTF-16 copy of the text,
/// and every boundary is a byte offset into it. Not thread-safe: use one per thread.
final class BoundaryIterator {
    private let handle: OpaquePointer
    private var ends = [Int64](repeating: 0, count: 1024)
    private var statuses = [Int32](repeating: 0, count: 1024)

    init(kind: Int32, locale: String) throws(ICUError) {
        var error: Int32 = 0
        guard let handle = cicu_breaker_open(kind, locale, &error) else {
            throw ICUError(operation: "ubrk_open(\(locale))", code: error)
        }
        self.handle = handle
    }

    deinit { cicu_breaker_close(handle) }

    /// Calls `body(end, status)` for each boundary after the start of `bytes`; statuses are ICU's
    /// rule statuses when `withStatus`, else 0.
    @inline(__always)
    func forEachBoundary(in bytes: UnsafeBufferPointer<UInt8>, withStatus: Bool, _ body: (Int, Int32) -> Void) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        guard cicu_breaker_set_text(handle, base, Int64(bytes.count)) == 0 else { return }
        let capacity = Int32(ends.count)
        ends.withUnsafeMutableBufferPointer { endBuffer in
            statuses.withUnsafeMutableBufferPointer { statusBuffer in
                while true {
                    let count = Int(cicu_breaker_next(handle, endBuffer.baseAddress, withStatus ? statusBuffer.baseAddress : nil, capacity))
                    if count == 0 { return }
                    for index in 0..<count { body(Int(endBuffer[index]), statusBuffer[index]) }
                }
            }
        }
    }
}

/// Splits UTF-8 text into ICU word-break tokens (dictionary-based for Thai, Chinese, Japanese).
///
/// By default a token's kind is read from its first scalar, which agrees with ICU's rule status
/// on words, numbers, spaces and punctuation and costs nothing; asking ICU for the status
/// (`exactKinds`) slows word breaking by about a quarter.
@_spi(Text) public final class WordBreaker {
    private let iterator: BoundaryIterator
    private let exactKinds: Bool

    public init(locale: String = "en", exactKinds: Bool = false) throws(ICUError) {
        iterator = try BoundaryIterator(kind: Int32(CICU_BREAK_WORD), locale: locale)
        self.exactKinds = exactKinds
    }

    /// All tokens, or with `skippingSpaces` only the words, numbers and punctuation.
    public func tokens(in bytes: UnsafeBufferPointer<UInt8>, skippingSpaces: Bool = false) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / (skippingSpaces ? 5 : 3))
        var start = 0
        let exact = exactKinds
        iterator.forEachBoundary(in: bytes, withStatus: exact) { end, status in
            let kind = exact ? Self.kind(status: status, bytes, start) : Self.kind(of: bytes, start)
            if !skippingSpaces || kind != .space { tokens.append(Token(start: start, end: end, kind: kind)) }
            start = end
        }
        return tokens
    }

    private static func kind(status: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Token.Kind {
        switch Int(status) {
        case Int(CICU_WORD_NUMBER): .number
        case Int(CICU_WORD_LETTER): .word
        case Int(CICU_WORD_KANA): .kana
        case Int(CICU_WORD_IDEOGRAPHIC): .ideographic
        default: isSpaceSegment(bytes, start) ? .space : .punctuation
        }
    }

    /// The kind of the token starting at `start`, from its first scalar.
    @inline(__always)
    private static func kind(of bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Token.Kind {
        let byte = bytes[start]
        if byte < 0x80 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): return .word
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return .space
            default: return .punctuation
            }
        }
        if isSpaceSegment(bytes, start) { return .space }
        let scalar = UTF8Scalars.decode(bytes, at: start).scalar
        guard let value = Unicode.Scalar(scalar) else { return .punctuation }
        let properties = value.properties
        if (0x3040...0x30FF).contains(scalar) { return .kana }
        if properties.isIdeographic { return .ideographic }
        if properties.isAlphabetic { return .word }
        if properties.generalCategory == .decimalNumber { return .number }
        return .punctuation
    }

    public func tokens(in text: String) -> [Token] {
        var copy = text
        return copy.withUTF8 { tokens(in: $0) }
    }

    /// ICU gives spaces and punctuation one status; the first scalar tells them apart.
    private static func isSpaceSegment(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        switch bytes[start] {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return true
        case 0xC2: return start + 1 < bytes.count && (bytes[start + 1] == 0xA0 || bytes[start + 1] == 0x85)
        case 0xE2, 0xE3, 0xE1:
            guard start + 2 < bytes.count else { return false }
            let scalar = UInt32(bytes[start] & 0x0F) << 12 | UInt32(bytes[start + 1] & 0x3F) << 6 | UInt32(bytes[start + 2] & 0x3F)
            return (0x2000...0x200A).contains(scalar) || scalar == 0x2028 || scalar == 0x2029 || scalar == 0x202F
                || scalar == 0x205F || scalar == 0x3000 || scalar == 0x1680
        default: return false
        }
    }
}

/// Splits UTF-8 text into ICU sentences; each range includes the spaces that follow it.
@_spi(Text) public final class SentenceBreaker {
    private let iterator: BoundaryIterator

    public init(locale: String = "en") throws(ICUError) {
        iterator = try BoundaryIterator(kind: Int32(CICU_BREAK_SENTENCE), locale: locale)
    }

    public func sentences(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        iterator.forEachBoundary(in: bytes, withStatus: false) { end, _ in
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    public func sentences(in text: String) -> [Range<Int>] {
        var copy = text
        return copy.withUTF8 { sentences(in: $0) }
    }
}

/// ICU normalization forms and locale-aware case mapping over UTF-8.
@_spi(Text) public enum UnicodeText {
    public enum Form: Sendable {
        case nfc
        case nfkc

        var code: Int32 { self == .nfc ? Int32(CICU_NFC) : Int32(CICU_NFKC) }
    }

    public enum CaseOperation: Sendable {
        case lower, upper, fold, title

        var code: Int32 {
            switch self {
            case .lower: Int32(CICU_LOWER)
            case .upper: Int32(CICU_UPPER)
            case .fold: Int32(CICU_FOLD)
            case .title: Int32(CICU_TITLE)
            }
        }
    }

    /// The ICU version linked in.
    public static var icuVersion: String { String(cString: cicu_version()) }

    public static func isNormalized(_ bytes: UnsafeBufferPointer<UInt8>, form: Form) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        return cicu_is_normalized(form.code, base, Int32(bytes.count)) == 1
    }

    public static func normalize(_ bytes: UnsafeBufferPointer<UInt8>, form: Form) -> [UInt8] {
        transform(bytes) { input, length, output, capacity in cicu_normalize(form.code, input, length, output, capacity) }
    }

    public static func normalize(_ text: String, form: Form) -> String {
        var copy = text
        return String(decoding: copy.withUTF8 { normalize($0, form: form) }, as: UTF8.self)
    }

    /// Case-maps UTF-8 text; `locale` matters for Turkish dotted i, Greek final sigma and the like.
    public static func mapCase(_ bytes: UnsafeBufferPointer<UInt8>, _ operation: CaseOperation, locale: String = "") -> [UInt8] {
        transform(bytes) { input, length, output, capacity in
            cicu_case(operation.code, locale, input, length, output, capacity)
        }
    }

    public static func mapCase(_ text: String, _ operation: CaseOperation, locale: String = "") -> String {
        var copy = text
        return String(decoding: copy.withUTF8 { mapCase($0, operation, locale: locale) }, as: UTF8.self)
    }

    private static func transform(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ call: (UnsafePointer<UInt8>, Int32, UnsafeMutablePointer<UInt8>, Int32) -> Int32
    ) -> [UInt8] {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return [] }
        var capacity = bytes.count + bytes.count / 2 + 16
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            let length = output.withUnsafeMutableBufferPointer { call(base, Int32(bytes.count), $0.baseAddress!, Int32(capacity)) }
            if length < 0 { return Array(bytes) }
            if Int(length) <= capacity {
                output.removeSubrange(Int(length)...)
                return output
            }
            capacity = Int(length)
        }
    }
}
