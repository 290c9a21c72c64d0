/// Decodes HTML character references that scrapers left in text: `&amp;`, `&#8217;`,
/// `&#x2019;`, `&nbsp;`. Only references closed by `;` are decoded, so prose such as
/// "AT&T" or "R&D;" (an unknown name) is left alone.
struct HTMLCharacterReferences: NormalizationRule {
    let name = "html-entity"
    /// A reference starts with "&".
    let triggers = ByteSet([UInt8(ascii: "&")])

    /// The named references that occur in news text; others are left as written.
    static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0,
        "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A,
        "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "laquo": 0xAB, "raquo": 0xBB,
        "lsaquo": 0x2039, "rsaquo": 0x203A, "hellip": 0x2026, "bull": 0x2022, "middot": 0xB7,
        "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "deg": 0xB0, "plusmn": 0xB1, "times": 0xD7,
        "divide": 0xF7, "frac12": 0xBD, "frac14": 0xBC, "frac34": 0xBE, "sup2": 0xB2, "sup3": 0xB3,
        "euro": 0x20AC, "pound": 0xA3, "yen": 0xA5, "cent": 0xA2, "sect": 0xA7, "para": 0xB6,
        "dagger": 0x2020, "Dagger": 0x2021, "prime": 0x2032, "Prime": 0x2033, "shy": 0xAD,
        "zwsp": 0x200B, "zwj": 0x200D, "zwnj": 0x200C, "thinsp": 0x2009, "ensp": 0x2002, "emsp": 0x2003,
        "iexcl": 0xA1, "iquest": 0xBF, "ordf": 0xAA, "ordm": 0xBA, "micro": 0xB5, "not": 0xAC,
        "Agrave": 0xC0, "Aacute": 0xC1, "Acirc": 0xC2, "Atilde": 0xC3, "Auml": 0xC4, "Aring": 0xC5,
        "AElig": 0xC6, "Ccedil": 0xC7, "Egrave": 0xC8, "Eacute": 0xC9, "Ecirc": 0xCA, "Euml": 0xCB,
        "Igrave": 0xCC, "Iacute": 0xCD, "Icirc": 0xCE, "Iuml": 0xCF, "ETH": 0xD0, "Ntilde": 0xD1,
        "Ograve": 0xD2, "Oacute": 0xD3, "Ocirc": 0xD4, "Otilde": 0xD5, "Ouml": 0xD6, "Oslash": 0xD8,
        "Ugrave": 0xD9, "Uacute": 0xDA, "Ucirc": 0xDB, "Uuml": 0xDC, "Yacute": 0xDD, "THORN": 0xDE,
        "szlig": 0xDF, "agrave": 0xE0, "aacute": 0xE1, "acirc": 0xE2, "atilde": 0xE3, "auml": 0xE4,
        "aring": 0xE5, "aelig": 0xE6, "ccedil": 0xE7, "egrave": 0xE8, "eacute": 0xE9, "ecirc": 0xEA,
        "euml": 0xEB, "igrave": 0xEC, "iacute": 0xED, "icirc": 0xEE, "iuml": 0xEF, "eth": 0xF0,
        "ntilde": 0xF1, "ograve": 0xF2, "oacute": 0xF3, "ocirc": 0xF4, "otilde": 0xF5, "ouml": 0xF6,
        "oslash": 0xF8, "ugrave": 0xF9, "uacute": 0xFA, "ucirc": 0xFB, "uuml": 0xFC, "yacute": 0xFD,
        "thorn": 0xFE, "yuml": 0xFF, "Scaron": 0x160, "scaron": 0x161, "Zcaron": 0x17D, "zcaron": 0x17E,
        "OElig": 0x152, "oelig": 0x153, "Yuml": 0x178, "fnof": 0x192, "circ": 0x2C6, "tilde": 0x2DC,
        "alpha": 0x3B1, "beta": 0x3B2, "gamma": 0x3B3, "delta": 0x3B4, "mu": 0x3BC, "pi": 0x3C0,
        "larr": 0x2190, "rarr": 0x2192, "uarr": 0x2191, "darr": 0x2193, "minus": 0x2212, "le": 0x2264, "ge": 0x2265,
        "ne": 0x2260, "asymp": 0x2248, "infin": 0x221E, "permil": 0x2030,
    ]

    func step(_ input: UnsafeBufferPointer<UInt8>, at index: Int, into collector: inout EditCollector) -> Int {
        guard input[index] == UInt8(ascii: "&"), let (scalar, end) = Self.reference(in: input, at: index) else { return index + 1 }
        collector.replace(index..<end, with: UTF8Scalars.encode(scalar))
        return end
    }

    /// The scalar a reference starting at `start` (an `&`) stands for, and where it ends.
    static func reference(in input: UnsafeBufferPointer<UInt8>, at start: Int) -> (UInt32, Int)? {
        var index = start + 1
        let limit = min(input.count, start + 12)
        if index < limit, input[index] == UInt8(ascii: "#") {
            index += 1
            var radix: UInt32 = 10
            if index < limit, input[index] | 0x20 == UInt8(ascii: "x") {
                radix = 16
                index += 1
            }
            var value: UInt32 = 0
            let digitsStart = index
            while index < limit, let digit = Self.digit(input[index], radix: radix) {
                // Held at one past the last scalar, so that ten digits cannot overflow.
                value = min(value * radix + digit, 0x11_0000)
                index += 1
            }
            guard index > digitsStart, index < limit, input[index] == UInt8(ascii: ";") else { return nil }
            // HTML reads 0x80-0x9F as Windows-1252, as browsers do.
            if (0x80...0x9F).contains(value), let mapped = TextEncoding.cp1252High[Int(value - 0x80)] { value = mapped }
            guard value > 0, Unicode.Scalar(value) != nil else { return nil }
            return (value, index + 1)
        }
        let nameStart = index
        while index < limit, Self.isNameByte(input[index]) { index += 1 }
        guard index > nameStart, index < limit, input[index] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: input[nameStart..<index]), as: UTF8.self)
        guard let scalar = named[name] else { return nil }
        return (scalar, index + 1)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func digit(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
