/// How much a run of text looks like mojibake: the number of places where characters stand
/// side by side the way real text practically never puts them (a lowercase accented letter then
/// a capital one, a currency sign then an opening quote, `Ã` then `©`). Text with a score of 0 is
/// left alone; a re-decoding is taken only when it scores lower than what it replaces.
struct MojibakeScore {
    private(set) var value = 0
    private var before2 = MojibakeClass.start, before1 = MojibakeClass.start
    private var scalar3: UInt32 = 0, scalar2: UInt32 = 0, scalar1: UInt32 = 0

    static func of(_ scalars: some Sequence<UInt32>) -> Int {
        var score = MojibakeScore()
        for scalar in scalars { score.add(scalar) }
        return score.value
    }

    /// Calls `body` with each line of UTF-8 `bytes` that scores above 0. Only the characters
    /// from 0x80 up and the three before and two after each are scored (no rule reaches
    /// further), and the ASCII between is skipped eight bytes at a time.
    static func suspectLines(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        let newline = WordScan.repeated(0x0A)
        var score = MojibakeScore()
        var lineStart = 0
        var fed = 0
        var index = 0
        while index < bytes.count {
            index = WordScan.skip(bytes, from: index) { WordScan.high($0) | WordScan.equal($0, newline) }
            while index < bytes.count, bytes[index] < 0x80, bytes[index] != 0x0A { index += 1 }
            if index < bytes.count, bytes[index] != 0x0A {
                let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
                if index + length == bytes.count || bytes[index + length] < 0x80, !scoresAlone(scalar) {
                    // One character from 0x80 up between ASCII ones (`’`, `é`): no rule scores it.
                    (fed, index) = (index + length, index + length)
                    continue
                }
                // Three ASCII characters of context, then the scalar and two after it.
                var position = max(fed, lineStart, index - 3)
                var after = 0
                while position < bytes.count, bytes[position] != 0x0A, position < index || after < 3 {
                    let (scalar, length) = UTF8Scalars.decode(bytes, at: position)
                    score.add(scalar)
                    after = position >= index ? (scalar < 0x80 ? after + 1 : 1) : 0
                    position += length
                }
                (fed, index) = (position, position)
                continue
            }
            if score.value > 0 { body(lineStart..<index) }
            score = MojibakeScore()
            (lineStart, fed, index) = (index + 1, index + 1, index + 1)
        }
        // A last line that ends in scored characters.
        if lineStart < bytes.count, score.value > 0 { body(lineStart..<bytes.count) }
    }

    /// Whether a character with ASCII on both sides can score: a C1 control, `Ã Â` before a
    /// space, `Œ œ` before anything but a letter. Every other rule needs two characters from
    /// 0x80 up side by side.
    @inline(__always)
    private static func scoresAlone(_ scalar: UInt32) -> Bool {
        (0x80...0x9F).contains(scalar) || scalar == 0xC2 || scalar == 0xC3 || scalar == 0x152 || scalar == 0x153
    }

    @inline(__always)
    mutating func add(_ scalar: UInt32) {
        let kind = MojibakeClass.of(scalar)
        // Lowercase Greek and Cyrillic letters and other scripts' characters after one another
        // (the bulk of text in those scripts) meet no rule.
        if scalar >= 0x80 || scalar1 >= 0x80 || scalar2 >= 0x80, !(Self.isPlainLetter(kind) && Self.isPlainLetter(before1)) {
            value += Self.pairs[Int(before1.rawValue)] & (1 << kind.rawValue) != 0 ? 1 : 0
            value += kind == .c1 ? 1 : 0
            value += triple(kind, scalar) + special(kind, scalar)
        }
        before2 = before1
        before1 = kind
        scalar3 = scalar2
        scalar2 = scalar1
        scalar1 = scalar
    }

    @inline(__always)
    private static func isPlainLetter(_ kind: MojibakeClass) -> Bool { kind == .lowerScript || kind == .other }

    /// Three classes in a row that mojibake makes.
    private func triple(_ kind: MojibakeClass, _ scalar: UInt32) -> Int {
        let (first, second) = (before2, before1)
        switch second {
        case .lowerScript, .upperScript: return kind == .junk && (first == .lower || first == .upper) ? 1 : 0
        case .upperAccent:
            if kind == .money, first == .space { return 1 }
            return (kind == .opener || kind == .money) && first == .lower ? 1 : 0
        case .opener, .closer:
            if kind.isWord, first == .lowerAccent || first == .upperAccent { return 1 }
            if second == .opener, kind == .math, [.lowerAccent, .upperAccent, .box, .money, .closer].contains(first) { return 1 }
            if second == .closer, kind == .opener, [.lowerAccent, .upperAccent, .money, .math, .box, .legal].contains(first) { return 1 }
            return 0
        default: return 0
        }
    }

    /// Particular sequences of the code pages' own letters that the classes do not catch.
    private func special(_ kind: MojibakeClass, _ scalar: UInt32) -> Int {
        let previous = scalar1
        switch previous {
        case 0xC3, 0xC2, 0xCE, 0xD0:  // Ã Â Î Ð: the lead bytes of Latin, Greek and Cyrillic UTF-8
            // A no-break space after a capital `Â` can be a word of capitals (`MISUTÂ AJIKKO`).
            if previous == 0xC3, scalar == 0xA0 || scalar == 0xA1 { return 1 }
            if previous == 0xC2, scalar == 0xA0, before2 == .upper { return 0 }
            if Self.afterLead.contains(scalar) || kind == .opener || kind == .closer { return 1 }
            if previous == 0xC3 || previous == 0xC2, scalar == 0x20, before2 == .lower || before2 == .start { return 1 }
            if previous == 0xC3 || previous == 0xC2, scalar == 0x20, before2 == .space, scalar3 >= 0x61, scalar3 <= 0x7A { return 1 }
            if previous == 0xC2, scalar == 0x20 || kind == .opener || kind == .closer,
                before2 == .lower || before2 == .closer || [0x2E, 0x2C, 0x3F, 0x21].contains(scalar2)
            {
                return 1
            }
            return 0
        case 0x152, 0x153: return kind == .lower || kind == .upper ? 0 : 1  // Œ œ before anything but a Latin letter
        case 0xD7: return scalar == 0xB2 || scalar == 0xB3 ? 1 : 0
        case 0xE0: return [0xB2, 0xB5, 0xB9, 0xBC, 0xBD, 0xBE].contains(scalar) ? 1 : 0  // à²: Indic scripts in 1252
        case 0x221A: return [0xB1, 0x2202, 0x2020, 0x2260, 0xAE, 0x2122, 0xB4, 0x2264, 0x2265, 0xA5, 0xB5, 0xF8].contains(scalar) ? 1 : 0
        case 0x2248: return scalar == 0xB0 || scalar == 0xA2 ? 1 : 0
        case 0x432: return scalar == 0x402 ? 1 : 0  // вЂ: U+20xx in Windows-1251
        case 0x101: return scalar == 0x20AC ? 1 : 0  // ā€: U+20xx in 1257
        default: break
        }
        if before1 == .upperAccent, scalar == 0xB0 { return 1 }
        if scalar2 == 0x201A, scalar1 == 0xC4, [0xEC, 0xEE, 0xEF, 0xF2, 0xF4, 0xFA, 0xF9, 0xFB, 0x2020, 0xB0, 0xA2, 0x3C0].contains(scalar) { return 1 }
        if scalar2 == 0x201A, scalar1 == 0xE2 || scalar1 == 0xF3, [0xE0, 0xE4, 0xB0, 0xEA].contains(scalar) { return 1 }
        return cyrillicTriple(kind, scalar) + arabic(scalar)
    }

    /// В Г Р С around a symbol: Latin-1 and Cyrillic UTF-8 read as Windows-1251.
    private func cyrillicTriple(_ kind: MojibakeClass, _ scalar: UInt32) -> Int {
        let leads: [UInt32] = [0x412, 0x413, 0x420, 0x421]
        guard leads.contains(scalar), leads.contains(scalar2) else { return 0 }
        let middle = MojibakeClass.of(scalar1)
        return [.c1, .junk, .opener, .closer, .money].contains(middle) || scalar1 == 0xB0 || scalar1 == 0xB5 ? 1 : 0
    }

    /// Ø and Ù leading two symbols in turn: Arabic UTF-8 read as Windows-1252. Four characters,
    /// because each pair alone is plausible.
    private func arabic(_ scalar: UInt32) -> Int {
        func lead(_ scalar: UInt32) -> Bool { scalar == 0xD8 || scalar == 0xD9 }
        func follower(_ scalar: UInt32) -> Bool {
            [.common, .money, .junk, .math, .opener].contains(MojibakeClass.of(scalar))
                || [0x178, 0x160, 0xAE, 0xB0, 0xB5, 0xBB].contains(scalar)
        }
        return lead(scalar3) && follower(scalar2) && lead(scalar1) && follower(scalar) ? 1 : 0
    }

    /// Scalars that follow a misread lead `Ã Â Î Ð` in mojibake and seldom in text.
    private static let afterLead: Set<UInt32> = [0x20AC, 0x153, 0x160, 0x161, 0xA2, 0xA3, 0x178, 0x17E, 0xA0, 0xAD, 0xAE, 0xA9, 0xB0, 0xB7, 0xBB, 0x2013, 0x2014, 0xB4]

    /// For each class, the classes that may not follow it, as bits.
    private static let pairs: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 32)
        func forbid(_ firsts: [MojibakeClass], _ seconds: [MojibakeClass]) {
            for first in firsts { for second in seconds { table[Int(first.rawValue)] |= 1 << second.rawValue } }
        }
        let symbols: [MojibakeClass] = [.lowerAccent, .upperAccent, .box, .opener, .closer, .money, .math, .legal]
        forbid(symbols + [.junk], [.junk])
        forbid([.junk], symbols)
        forbid([.lowerAccent, .lowerScript, .box, .closer, .money, .math], [.upperAccent])
        forbid([.box, .closer, .money, .math], [.lowerAccent])
        forbid([.lowerAccent, .box, .closer], [.money])
        forbid([.upperAccent, .box], [.math, .legal])
        forbid([.money, .math, .box], [.opener])
        forbid([.box], [.face, .closer])
        forbid([.lowerAccent, .upperAccent, .money, .math, .opener, .closer, .legal], [.box])
        return table
    }()
}
