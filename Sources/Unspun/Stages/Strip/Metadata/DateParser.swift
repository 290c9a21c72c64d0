import CICU

/// Finds calendar dates in a short line with ICU's date parser (`udat_parseCalendar`), one
/// pattern per format and language, tried at each word that can start a date. Not thread-safe:
/// each stage instance opens its own.
final class DateParser {
    /// A date found in a line: the day, the time when one stands beside it, and where it stands.
    struct Found: Equatable {
        var year: Int, month: Int, day: Int
        var time: String?
        var range: Range<Int>
        /// Set for a numeric date that reads as another day with day and month swapped.
        var swapped: (month: Int, day: Int)?
        /// For a numeric date with slashes, the order it was read in.
        var order: NumericOrder?

        var iso: String { Self.iso(year, month, day) }
        var isoTime: String? { time.map { iso + "T" + $0 } }

        static func iso(_ year: Int, _ month: Int, _ day: Int) -> String { "\(year)-" + DateParser.two(month) + "-" + DateParser.two(day) }

        static func == (left: Found, right: Found) -> Bool { left.iso == right.iso && left.range == right.range }
    }

    private struct Format {
        var handle: OpaquePointer
        /// What the pattern opens with: a weekday name, a month name or a number.
        var opening: Opening
        /// Numeric day-first or month-first: a date it reads is checked against its twin.
        var numericOrder: NumericOrder?
    }

    enum NumericOrder { case monthFirst, dayFirst }

    /// A number opening carries the byte after its digits (" ", ".", "/", "-"): "3 March",
    /// "5. März", "3/4/2025" and "2025-03-03" are each asked of their own patterns only.
    enum Opening: Equatable {
        case weekday, month
        case number(UInt8)
    }

    /// (locale, pattern, numeric order) for dates; the longest reading at a word wins.
    static let datePatterns: [(String, String, NumericOrder?)] =
        [
            "EEEE, MMMM d, yyyy", "EEEE MMMM d, yyyy", "EEEE, d MMMM yyyy", "EEEE d MMMM yyyy", "MMMM d, yyyy", "MMMM d yyyy",
            "d MMMM yyyy", "d MMMM, yyyy", "yyyy-MM-dd", "yyyy/MM/dd",
        ].map { ("en", $0, nil) }
        + [("en", "M/d/yyyy", .monthFirst), ("en", "d/M/yyyy", .dayFirst), ("en", "M.d.yyyy", .monthFirst), ("en", "d.M.yyyy", .dayFirst)]
        + ["d. MMMM yyyy", "EEEE, d. MMMM yyyy", "d. MMM yyyy"].map { ("de", $0, nil) }
        + ["d MMMM yyyy", "EEEE d MMMM yyyy"].map { ("fr", $0, nil) }
        + ["d 'de' MMMM 'de' yyyy"].map { ("es", $0, nil) }

    /// Times that may follow (or precede) a date.
    static let timePatterns = ["HH:mm:ss", "h:mm a zzz", "h:mm a", "HH:mm zzz", "HH:mm"]

    private let dates: [Format]
    private let times: [OpaquePointer]

    init() {
        func open(_ locale: String, _ pattern: String) -> OpaquePointer? {
            var error: Int32 = 0
            let bytes = Array(pattern.utf8)
            return bytes.withUnsafeBufferPointer { cicu_date_open(locale, $0.baseAddress, Int32($0.count), &error) }
        }
        dates = Self.datePatterns.compactMap { locale, pattern, order in
            let after = pattern.utf8.first { !"dMy".utf8.contains($0) } ?? 0x20
            let opening: Opening = pattern.first == "E" ? .weekday : pattern.hasPrefix("MMM") ? .month : .number(after)
            return open(locale, pattern).map { Format(handle: $0, opening: opening, numericOrder: order) }
        }
        times = Self.timePatterns.compactMap { open("en", $0) }
    }

    deinit {
        for format in dates { cicu_date_close(format.handle) }
        for time in times { cicu_date_close(time) }
    }

    /// The dates in a line (UTF-8), left to right, years 1990 to 2100 only.
    func dates(in line: [UInt8]) -> [Found] {
        guard Self.hasYear(line) else { return [] }
        let text = Self.prepared(line)
        var found: [Found] = []
        text.withUnsafeBufferPointer { bytes in
            // A date's year stands at most 26 bytes after where it starts ("30 de septiembre de
            // 2025"), 34 after a weekday ("Wednesday, September 30, 2025").
            let years = Self.yearStarts(bytes)
            var start = 0
            while start < bytes.count {
                defer { start += 1 }
                let reach = Self.isDigit(bytes[start]) ? 26 : 34
                guard years.contains(where: { $0 >= start && $0 <= start + reach }) else { continue }
                let byte = bytes[start]
                let isDigit = Self.isDigit(byte)
                // A month glued to the year or the name before it opens a date ("December 20,
                // 2024September 26, 2025", "Stef KeeganAugust 5, 2024").
                let gluedAfter = start > 0 && (Self.isDigit(bytes[start - 1]) || Self.isLower(bytes[start - 1]) && Self.isUpper(byte))
                let glued = gluedAfter && !isDigit && Self.namedOpenings(bytes, at: start).contains(.month)
                guard start == 0 || glued || !Self.isWordByte(bytes[start - 1]) && !Self.isDigit(bytes[start - 1]) else { continue }
                let openings = Self.plausibleOpenings(isDigit ? Self.numericOpenings(bytes, at: start) : Self.namedOpenings(bytes, at: start), bytes, at: start)
                guard !openings.isEmpty, let date = best(bytes, at: start, openings: openings), !Self.endsRange(bytes, before: start) else { continue }
                found.append(date)
                start = date.range.upperBound - 1
            }
        }
        return found
    }

    /// The first three bytes (ASCII letters lower-cased) of the month and weekday names the
    /// patterns read: ICU is asked only at a word that opens one of them, with the patterns
    /// that open with that kind of name.
    private static let monthStarts = starts(
        """
        january february march april may june july august september october november december \
        januar jänner februar märz mai juni juli oktober dezember \
        janvier février mars avril juin juillet août septembre octobre novembre décembre
        """)
    private static let weekdayStarts = starts(
        """
        monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag sonntag \
        lundi mardi mercredi jeudi vendredi samedi dimanche
        """)

    private static func starts(_ names: String) -> Set<UInt32> { Set(names.split(separator: " ").map { key(Array($0.utf8), at: 0) }) }

    private static func key<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at start: Bytes.Index) -> UInt32 where Bytes.Index == Int {
        var value: UInt32 = 0
        for index in start..<min(start + 3, bytes.endIndex) {
            let byte = bytes[index]
            value = value << 8 | UInt32(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return value
    }

    /// The kinds of name a word may open ([] for none).
    private static func namedOpenings(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> [Opening] {
        guard start + 3 <= bytes.count else { return [] }
        let key = key(bytes, at: start)
        return (monthStarts.contains(key) ? [.month] : []) + (weekdayStarts.contains(key) ? [.weekday] : [])
    }

    /// One, two or four digits, then a space, dot, slash or dash ("3 March", "03/04", "2025-03").
    /// ICU matches the spaces of a pattern loosely ("12-March-2025" reads as "d MMMM yyyy"), so
    /// the patterns with a space after the day are asked too.
    private static func numericOpenings(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> [Opening] {
        var end = start
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        let run = end - start
        guard run <= 2 || run == 4, end < bytes.count, [0x20, 0x2E, 0x2F, 0x2D].contains(bytes[end]) else { return [] }
        return bytes[end] == 0x20 ? [.number(0x20)] : [.number(bytes[end]), .number(0x20)]
    }

    /// The openings whose patterns can read what follows the word at `start`: a month name is
    /// followed by its day, a weekday by a day or a month, and a day before a space by a month
    /// name or Spanish "de" (a number after it is read by the numeric patterns, "3/4/2025").
    /// ICU is slow to fail, and most words that share a name's first letters ("market",
    /// "monitor") and most numbers before a space ("2019 was") open no date.
    private static func plausibleOpenings(_ openings: [Opening], _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> [Opening] {
        guard !openings.isEmpty else { return [] }
        let numeric = isDigit(bytes[start])
        var next = start
        while next < bytes.count, numeric ? isDigit(bytes[next]) : isWordByte(bytes[next]) { next += 1 }
        // ICU reads spaces, tabs and punctuation leniently between the parts ("Mar-05-2025").
        next = Self.pastPunctuation(bytes, from: next)
        guard next < bytes.count else { return [] }
        let digit = isDigit(bytes[next])
        // A name in another script or with accents is left to ICU (the keys lower-case ASCII only).
        let foreign = bytes[next..<min(bytes.count, next + 3)].contains { $0 >= 0x80 }
        let month = foreign || namedOpenings(bytes, at: next).contains(.month)
        let de = next + 2 < bytes.count && bytes[next] | 0x20 == 0x64 && bytes[next + 1] | 0x20 == 0x65 && bytes[next + 2] == 0x20
        return openings.filter { opening in
            switch opening {
            case .month: digit
            case .weekday: digit || month
            case .number(0x20): month || de
            case .number: true
            }
        }
    }

    private func best(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, openings: [Opening]) -> Found? {
        var best: Found?
        var twin: (month: Int, day: Int)?
        var fields = cicu_date_fields()
        let rest = UnsafeBufferPointer(rebasing: bytes[start...])
        for format in dates where openings.contains(format.opening) {
            let length = Int(cicu_date_parse(format.handle, rest.baseAddress, Int32(rest.count), &fields))
            guard length > 0, (1990...2100).contains(Int(fields.year)) else { continue }
            let end = start + length
            // A letter or digit right after it is another word, except ISO 8601's "T" before a
            // time and a month or a capitalised word glued to the year (a page's published and
            // updated dates: "2024September 26, 2025", "2024Updated on: ...").
            let isoTime = end + 1 < bytes.count && bytes[end] == 0x54 && Self.isDigit(bytes[end + 1])
            let glued = end + 1 < bytes.count && Self.isDigit(bytes[end - 1]) && (Self.isUpper(bytes[end]) && Self.isLower(bytes[end + 1]) || Self.namedOpenings(bytes, at: end).contains(.month))
            if end < bytes.count, !isoTime, !glued, Self.isWordByte(bytes[end]) || Self.isDigit(bytes[end]) { continue }
            if format.numericOrder == .dayFirst, let best, best.range.upperBound == end {
                if best.month != Int(fields.month) { twin = (Int(fields.month), Int(fields.day)) }
                continue
            }
            if let best, best.range.count >= length { continue }
            best = Found(year: Int(fields.year), month: Int(fields.month), day: Int(fields.day), time: nil, range: start..<end, order: format.numericOrder)
        }
        guard var best else { return nil }
        best.swapped = twin
        best.time = time(bytes, after: best.range.upperBound)
        return best
    }

    /// A time right after the date ("at 9:12 AM", ", 14:32 GMT", "T10:00:00", "(8:42 AM ET)").
    private func time(_ bytes: UnsafeBufferPointer<UInt8>, after end: Int) -> String? {
        var start = end
        while start < bytes.count, start < end + 6, [0x20, 0x2C, 0x54, 0x7C, 0x2D, 0x61, 0x74, 0x40, 0x28].contains(bytes[start]) { start += 1 }
        guard start < bytes.count, Self.isDigit(bytes[start]) else { return nil }
        // Every time pattern opens with one or two digits, then the minutes past a separator
        // (ICU reads spaces and punctuation leniently around and in place of the colon).
        let hourDigits = bytes[start..<min(bytes.count, start + 3)].prefix(while: Self.isDigit).count
        let minutes = Self.pastPunctuation(bytes, from: start + hourDigits)
        guard hourDigits <= 2, minutes < bytes.count, Self.isDigit(bytes[minutes]) else { return nil }
        var fields = cicu_date_fields()
        let rest = UnsafeBufferPointer(rebasing: bytes[start...])
        for time in times where cicu_date_parse(time, rest.baseAddress, Int32(rest.count), &fields) > 0 {
            guard (0...23).contains(fields.hour), (0...59).contains(fields.minute) else { return nil }
            let clock = Self.two(Int(fields.hour)) + ":" + Self.two(Int(fields.minute))
            guard fields.has_zone != 0 else { return clock }
            let zone = Int(fields.zone_minutes)
            return zone == 0 ? clock + "Z" : clock + (zone < 0 ? "-" : "+") + Self.two(abs(zone) / 60) + ":" + Self.two(abs(zone) % 60)
        }
        return nil
    }

    /// Whether a date is the end of a range ("16-19 March 2026", "June 28-July 1, 2026").
    static func endsRange(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        var index = start - 1
        while index >= 0, bytes[index] == 0x20 { index -= 1 }
        guard index >= 1 else { return false }
        let dash = bytes[index] == 0x2D || index >= 3 && bytes[index - 2] == 0xE2 && bytes[index - 1] == 0x80 && (bytes[index] == 0x93 || bytes[index] == 0x94)
        let before = bytes[index] == 0x2D ? index - 1 : index - 3
        return dash && before >= 0 && isDigit(bytes[before])
    }

    /// Where the four-digit runs that may be years (19xx, 20xx) start.
    private static func yearStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts: [Int] = []
        var run = 0
        for index in bytes.indices {
            run = isDigit(bytes[index]) ? run + 1 : 0
            guard run == 4, index + 1 == bytes.count || !isDigit(bytes[index + 1]) else { continue }
            if bytes[index - 3] == 0x31 && bytes[index - 2] == 0x39 || bytes[index - 3] == 0x32 && bytes[index - 2] == 0x30 { starts.append(index - 3) }
        }
        return starts
    }

    /// Whether the line holds four digits that may be a year (19xx or 20xx).
    static func hasYear<Bytes: RandomAccessCollection<UInt8>>(_ line: Bytes) -> Bool where Bytes.Index == Int {
        var run = 0
        for (index, byte) in line.enumerated() {
            if isDigit(byte) {
                run += 1
                if run == 4, line[index - 3] == 0x31 && line[index - 2] == 0x39 || line[index - 3] == 0x32 && line[index - 2] == 0x30 {
                    if index + 1 == line.count || !isDigit(line[index + 1]) { return true }
                }
            } else {
                run = 0
            }
        }
        return false
    }

    /// The line with what ICU's patterns do not read blanked to spaces of the same length, so
    /// offsets stay: ordinal suffixes ("3rd"), "a.m."/"p.m." (as AM/PM) and "Sept" (as "Sep").
    static func prepared(_ line: [UInt8]) -> [UInt8] {
        var text = line
        for index in text.indices {
            let rest = text.count - index
            if index > 0, isDigit(text[index - 1]), rest >= 2 {
                let pair = (text[index] | 0x20, text[index + 1] | 0x20)
                let ordinal = [(0x73, 0x74), (0x6E, 0x64), (0x72, 0x64), (0x74, 0x68)].contains { $0 == pair }
                if ordinal, rest == 2 || !isWordByte(text[index + 2]) { (text[index], text[index + 1]) = (0x20, 0x20) }
            }
            if rest >= 4, text[index + 1] == 0x2E, text[index + 2] | 0x20 == 0x6D, text[index + 3] == 0x2E,
                text[index] | 0x20 == 0x61 || text[index] | 0x20 == 0x70
            {
                (text[index], text[index + 1], text[index + 2], text[index + 3]) = (text[index] & ~0x20, 0x4D, 0x20, 0x20)
            }
            if rest >= 4, text[index] | 0x20 == 0x73, text[index + 1] == 0x65, text[index + 2] == 0x70, text[index + 3] == 0x74,
                index == 0 || !isWordByte(text[index - 1]), rest == 4 || !isWordByte(text[index + 4])
            {
                text[index + 3] = 0x2E
            }
        }
        return text
    }

    /// The first index at or after `index` that is not ASCII space or punctuation.
    private static func pastPunctuation(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var index = index
        while index < bytes.count, bytes[index] < 0x80, !isDigit(bytes[index]), !isWordByte(bytes[index]) { index += 1 }
        return index
    }

    static func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// Letters and bytes of non-ASCII characters.
    static func isWordByte(_ byte: UInt8) -> Bool { byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) }
}
