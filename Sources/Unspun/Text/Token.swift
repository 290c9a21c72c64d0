/// A word-break segment of UTF-8 text: a byte range and what ICU says it is.
@_spi(Text) public struct Token: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case space
        case punctuation
        case number
        case word
        case kana
        case ideographic
    }

    /// Byte offsets into the text that was tokenized.
    public var start: Int32
    public var end: Int32
    public var kind: Kind

    public init(start: Int, end: Int, kind: Kind) {
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
        self.kind = kind
    }

    public var range: Range<Int> { Int(start)..<Int(end) }

    /// Letters, numbers, kana and ideographs: what a reader would call a word.
    public var isWord: Bool { kind.rawValue >= Kind.number.rawValue }
}
