import CICU

/// A single-byte code page that UTF-8 is commonly misread as. Bytes below 0x80 are ASCII in
/// all of them; `high` gives the scalar of bytes 0x80...0xFF. A "sloppy" code page (as browsers
/// decode Windows code pages) reads a byte the page leaves undefined as the C1 control of the same
/// value, and stands for a byte lost to U+FFFD when text is encoded back.
struct CodePage: Sendable {
    let name: String
    let high: [UInt32]
    let sloppy: Bool
    /// Scalar to byte, for the scalars above 0x7F the page can write.
    let bytes: [UInt32: UInt8]

    init(name: String, sloppy: Bool, high: [UInt32]) {
        self.name = name
        self.high = high
        self.sloppy = sloppy
        var bytes: [UInt32: UInt8] = [:]
        for (offset, scalar) in high.enumerated() where bytes[scalar] == nil { bytes[scalar] = UInt8(0x80 + offset) }
        self.bytes = bytes
    }

    /// The byte this page writes `scalar` as, or nil when it cannot; U+FFFD is the lost-byte
    /// marker 0x1A in a sloppy page.
    @inline(__always)
    func byte(for scalar: UInt32) -> UInt8? {
        if scalar < 0x80 { return UInt8(scalar) }
        if sloppy, scalar == 0xFFFD { return CodePage.lostByte }
        return bytes[scalar]
    }

    /// Whether a space in the page's text may be a byte 0xA0 that some program took for one. Not
    /// in MacRoman, where 0xD0 is the en dash: `– ` would read as `Р`.
    var spacesMayBeNoBreak: Bool { name != "macroman" }

    /// Stands for a byte that a lossy decoder turned into U+FFFD.
    static let lostByte: UInt8 = 0x1A

    /// The pages tried, most common misreading first.
    static let all: [CodePage] = [windows1252, latin1, windows1251, windows1250, windows1257, iso88592, macRoman, cp437]

    static let latin1 = CodePage(name: "latin-1", sloppy: false, high: (0x80...0xFF).map { UInt32($0) })
    static let windows1252 = CodePage(
        name: "windows-1252", sloppy: true,
        high: (0x80...0xFF).map { byte in byte < 0xA0 ? TextEncoding.cp1252High[byte - 0x80] ?? UInt32(byte) : UInt32(byte) })

    static let windows1251 = CodePage(name: "windows-1251", sloppy: true, icuName: "windows-1251")
    static let windows1250 = CodePage(name: "windows-1250", sloppy: true, icuName: "windows-1250")
    static let windows1257 = CodePage(name: "windows-1257", sloppy: true, icuName: "windows-1257")
    static let iso88592 = CodePage(name: "iso-8859-2", sloppy: false, icuName: "iso-8859-2")
    static let macRoman = CodePage(name: "macroman", sloppy: false, icuName: "macintosh")
    /// ICU reads 0xE6 as the Greek mu; Python's codec (and so ftfy) as the micro sign.
    static let cp437 = CodePage(name: "cp437", sloppy: false, icuName: "ibm-437", overrides: [0xE6: 0x00B5])

    /// The page as ICU's converter reads it (the mapping tables ICU ships, not a copy of them).
    init(name: String, sloppy: Bool, icuName: String, overrides: [UInt8: UInt32] = [:]) {
        var high = [UInt32](repeating: 0, count: 128)
        let status = high.withUnsafeMutableBufferPointer { cicu_codepage_high(icuName, $0.baseAddress) }
        precondition(status == 0, "ICU has no converter \(icuName): its data library is incomplete")
        for (byte, scalar) in overrides { high[Int(byte) - 0x80] = scalar }
        self.init(name: name, sloppy: sloppy, high: high)
    }
}
