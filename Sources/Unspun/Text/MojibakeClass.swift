/// What a character is, for telling mojibake from text: the few hundred characters that UTF-8
/// read as a single-byte code page turns into, sorted by the role they play in real text. Real
/// text puts them side by side only in a few ways; mojibake puts them side by side at random.
enum MojibakeClass: UInt8 {
    /// Characters with no part in mojibake (most of Unicode), and any non-ASCII letter beyond.
    case other
    case start, space, lower, upper, digit, asciiOther
    /// Seen in many contexts: no-break space, soft hyphen, dashes, ellipsis, apostrophe.
    case common
    /// U+0080...U+009F, which no text uses any more.
    case c1
    /// Symbols that practically only mojibake writes: ¦ ¤ ¨ ¬ ¯ ¸ ƒ ˆ ˇ ˘ ˛ ˜ † ‡ ‰ ◊ ⌐ �.
    case junk
    case legal, money, opener, closer, math
    /// Letters and the degree sign that emoticons are drawn with.
    case face
    case upperAccent, lowerAccent
    /// Greek, Cyrillic and thorn capitals and lowercase letters.
    case upperScript, lowerScript
    case box

    /// Whether the class counts as a word character (letters and digits).
    var isWord: Bool {
        switch self {
        case .lower, .upper, .digit, .other, .face, .upperAccent, .lowerAccent, .upperScript, .lowerScript: true
        default: false
        }
    }

    @inline(__always)
    static func of(_ scalar: UInt32) -> MojibakeClass {
        if scalar < 0x600 { return MojibakeClass(rawValue: low[Int(scalar)])! }
        if scalar >= 0x2000, scalar < 0x2600 { return MojibakeClass(rawValue: punctuation[Int(scalar - 0x2000)])! }
        switch scalar {
        case 0xF8FF: return .opener
        case 0xFB01, 0xFB02: return .lowerAccent
        case 0xFFFD: return .junk
        default: return .other
        }
    }

    /// Classes of U+0000...U+05FF.
    private static let low: [UInt8] = {
        var table = [UInt8](repeating: MojibakeClass.other.rawValue, count: 0x600)
        func set(_ scalars: some Sequence<UInt32>, _ kind: MojibakeClass) { for scalar in scalars { table[Int(scalar)] = kind.rawValue } }
        set(0x00...0x7F, .asciiOther)
        set([0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20], .space)
        set(0x61...0x7A, .lower)
        set(0x41...0x5A, .upper)
        set(0x30...0x39, .digit)
        set(0x80...0x9F, .c1)
        set([0xA0, 0xAD, 0xB7, 0xB4], .common)
        set([0xA6, 0xA4, 0xA8, 0xAC, 0xAF, 0xB8, 0x192, 0x2C6, 0x2C7, 0x2D8, 0x2DB, 0x2DC, 0xAA, 0xBA], .junk)
        set([0xB6, 0xA7], .legal)
        set([0xA2, 0xA3, 0xA5], .money)
        set([0xA1, 0xAB, 0xBF, 0xA9, 0x384, 0x385], .opener)
        set([0xAE, 0xBB, 0x2DD], .closer)
        set([0xB2, 0xB3, 0xB9, 0xB1, 0xBC, 0xBD, 0xBE, 0xD7, 0xB5, 0xF7], .math)
        set(Array(0xD2...0xD6) + Array(0xD9...0xDC) + Array(0xF2...0xF6) + Array(0xF8...0xFC) + [0x150, 0x14C, 0x16A, 0x172, 0xB0], .face)
        set(
            Array(0xC0...0xD1) + [0xD8, 0xDC, 0xDD, 0x102, 0x100, 0x104, 0x106, 0x10C, 0x10E, 0x110, 0x118, 0x11A, 0x112, 0x116, 0x11E]
                + [0x122, 0x130, 0x12A, 0x136, 0x139, 0x13D, 0x141, 0x13B, 0x143, 0x147, 0x145, 0x152, 0x158, 0x15A, 0x15E, 0x160]
                + [0x162, 0x164, 0x16E, 0x170, 0x178, 0x179, 0x17B, 0x17D, 0x490], .upperAccent)
        set(
            [0xDF, 0xFC] + Array(0xE0...0xF1) + [0x103, 0x105, 0x101, 0x107, 0x10D, 0x10F, 0x111, 0x119, 0x11B, 0x113, 0x117, 0x11F, 0x123]
                + [0x12F, 0x12B, 0x137, 0x13A, 0x13E, 0x142, 0x13C, 0x153, 0x155, 0x15B, 0x15F, 0x161, 0x165, 0x17A, 0x17C, 0x17E, 0x491],
            .lowerAccent)
        set([0xDE] + Array(0x391...0x3A9) + [0x386, 0x388, 0x389, 0x38A, 0x38C, 0x38E, 0x38F, 0x3AA, 0x3AB] + Array(0x401...0x42F), .upperScript)
        set(Array(0x3B1...0x3C9) + [0x3AC, 0x3AD, 0x3AE, 0x3AF, 0x3B0] + Array(0x430...0x45F), .lowerScript)
        return table
    }()

    /// Classes of U+2000...U+25FF.
    private static let punctuation: [UInt8] = {
        var table = [UInt8](repeating: MojibakeClass.other.rawValue, count: 0x600)
        func set(_ scalars: some Sequence<UInt32>, _ kind: MojibakeClass) { for scalar in scalars { table[Int(scalar - 0x2000)] = kind.rawValue } }
        set([0x2013, 0x2014, 0x2015, 0x2026, 0x2019], .common)
        set([0x2020, 0x2021, 0x2030, 0x2310, 0x25CA], .junk)
        set([0x20A7, 0x20AC], .money)
        set([0x2018, 0x201A, 0x201C, 0x201E, 0x2022, 0x2039], .opener)
        set([0x201D, 0x203A, 0x2122], .closer)
        set([0x2044, 0x2202, 0x2206, 0x220F, 0x2211, 0x221A, 0x221E, 0x2229, 0x222B, 0x2248, 0x2260, 0x2261, 0x2264, 0x2265, 0x2116], .math)
        set([0x2502, 0x250C, 0x2510, 0x2518, 0x251C, 0x2524, 0x252C, 0x253C] + Array(0x2550...0x256C), .box)
        set([0x2580, 0x2584, 0x2588, 0x258C, 0x2590, 0x2591, 0x2592, 0x2593], .box)
        return table
    }()
}
