/// The headline among a page's lines: a title-like line just above a byline or date line or
/// the first prose, preferring one the page repeats (in its `<title>`, a breadcrumb, a comment
/// heading); else the first long title-like line the page repeats. Without the site name after
/// ` | ` or ` - ` when the page shows that part elsewhere. Repeats are counted on hashes of the
/// lines' bytes, so that only the few candidate lines become strings.
enum Headline {
    /// A line a headline may stand above; strong for a byline or a labelled date. Early anchors
    /// count more: the article's header comes before related posts.
    struct Anchor {
        var line: Int
        var strong: Bool
        /// A headline may stand just below it: a date or byline line, not the first prose
        /// (below which an extract's first section heading stands).
        var headsBelow = true
    }

    /// `text` gives a line's text when it may be a headline (nil for bylines, dates, long lines).
    static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], text: (Int) -> String?, anchors: [Anchor], lede: LedeWords) -> (text: String, line: Int)? {
        var keys: [UInt64] = []
        // Lines longer than a headline with a site name after it repeat none.
        for range in ranges where range.count <= 200 {
            // A line of fewer than three words holds no headline of three.
            let line = UnsafeBufferPointer(rebasing: bytes[range])
            guard let first = line.firstIndex(of: 0x20), line[(first + 1)...].contains(0x20) else { continue }
            appendVariantKeys(line, to: &keys)
        }
        let counts = Counts(keys)
        func repeated(_ text: String) -> Bool { counts[hash(Array(text.utf8)[...])] >= 2 }
        // Candidates within eight lines above the first anchors; a headline the page repeats,
        // above a byline or labelled date, above the first prose, long and early scores higher.
        var scores: [Int: Int] = [:]
        // A line's lede share counts in full from five words on: a short section label ("Mobile
        // App Development") shares all its words with the lede as easily as the headline does.
        func base(_ text: String, _ words: Int, _ rank: Int) -> Int {
            (repeated(text) ? 6 : 0) + min(words, 12) / 2 - 2 * rank + lede.score(text) * min(words, 5) / 5
        }
        // Anchors' windows overlap: each line is read once.
        var read: [Int: (text: String, words: Int)?] = [:]
        func candidate(_ index: Int) -> (text: String, words: Int)? {
            if let known = read[index] { return known }
            let found = text(index).flatMap { text in
                titleWords(text).flatMap { isRoleUnderName(text, index, bytes, ranges) ? nil : (text, $0) }
            }
            read[index] = found
            return found
        }
        for (rank, anchor) in anchors.sorted(by: { $0.line < $1.line }).prefix(4).enumerated() {
            var above = false
            for index in max(0, anchor.line - 8)..<anchor.line {
                guard let (text, words) = candidate(index), words >= 3 else { continue }
                above = true
                scores[index] = (scores[index] ?? base(text, words, rank)) + (anchor.strong ? 4 : 2) - (anchor.line - index) / 2
            }
            // No candidate above: the headline may stand just below ("June 6, 2021" / "A brief
            // intro to git", "Posted on ... by X" / "Do you need 14 USB ports ...?").
            let below = anchor.line + 1
            if !above, anchor.headsBelow, below < ranges.count, let (text, words) = candidate(below), words >= 3 {
                scores[below] = (scores[below] ?? base(text, words, rank)) + (anchor.strong ? 2 : 1)
            }
        }
        let best = scores.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        // Else the first repeated line (its bytes' key counted before it becomes a string).
        let line =
            best
            ?? ranges.indices.first { index in
                counts[hash(bytes[ranges[index]])] >= 2 && text(index).map { (titleWords($0) ?? 0) >= 4 && lede.score($0) >= 6 } ?? false
            }
        guard let line, let found = text(line) else { return nil }
        return (withoutSite(withoutTrail(found, counts), counts), line)
    }

    /// How many lines hold each key: the keys sorted, counted by binary search (cheaper than a
    /// dictionary for the one lookup per candidate).
    struct Counts {
        private let sorted: [UInt64]

        init(_ keys: [UInt64]) { sorted = keys.sorted() }

        subscript(key: UInt64) -> Int {
            func bound(_ below: (UInt64) -> Bool) -> Int {
                var low = 0
                var high = sorted.count
                while low < high {
                    let middle = (low + high) / 2
                    if below(sorted[middle]) { low = middle + 1 } else { high = middle }
                }
                return low
            }
            return bound { $0 <= key } - bound { $0 < key }
        }
    }

    /// The separators a site name follows.
    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " • "].map { Array($0.utf8) }

    /// What stands between a breadcrumb's steps.
    static let breadcrumbs = [" » ", " > ", " / ", " › "].map { Array($0.utf8) }

    /// Appends the keys of the forms in which a page repeats a headline, each once: the line
    /// itself, without a list mark, the parts before and after its last separator, and what
    /// stands in curly quotes (`6 thoughts on “Headline”`). Every line of a page passes here,
    /// so nothing is allocated per line.
    static func appendVariantKeys(_ line: UnsafeBufferPointer<UInt8>, to keys: inout [UInt64]) {
        let first = keys.count
        func add(_ key: UInt64) { if !keys[first...].contains(key) { keys.append(key) } }
        keys.append(hash(line[...]))
        let start = listMarkLength(line)
        if start > 0 { add(hash(line[start...])) }
        if let separator = lastSeparator(line, from: start, among: allSeparators) {
            add(hash(line[start..<separator.lowerBound]))
            add(hash(line[separator.upperBound...]))
        }
        // Curly quotes open with 0xE2: most lines hold none, and one scan for it spares two searches.
        if line.contains(0xE2), let open = find(openingQuote, in: line, last: false), let close = find(closingQuote, in: line, last: true), open + 3 < close {
            add(hash(line[(open + 3)..<close]))
        }
    }

    /// FNV-1a over the bytes.
    static func hash<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return value
    }

    private static let (openingQuote, closingQuote): ([UInt8], [UInt8]) = (Array("“".utf8), Array("”".utf8))

    static func find(_ needle: [UInt8], in line: UnsafeBufferPointer<UInt8>, last: Bool) -> Int? {
        guard line.count >= needle.count else { return nil }
        let starts = 0...(line.count - needle.count)
        let hit = { (index: Int) in line[index] == needle[0] && line[index...].starts(with: needle) }
        return last ? starts.last(where: hit) : starts.first(where: hit)
    }

    /// Site-name separators and breadcrumb steps: a headline repeats beside either.
    private static let allSeparators = separators + breadcrumbs

    /// The second bytes of the separators, to skip most spaces at one test.
    private static let separatorSeconds: [Bool] = (0...255).map { byte in allSeparators.contains { $0[1] == byte } }

    /// The last separator at or after `start` (every separator starts with a space).
    private static func lastSeparator(_ line: UnsafeBufferPointer<UInt8>, from start: Int, among separators: [[UInt8]] = separators) -> Range<Int>? {
        for index in stride(from: line.count - 2, through: start, by: -1) where line[index] == 0x20 && separatorSeconds[Int(line[index + 1])] {
            if let separator = separators.first(where: { line[index...].starts(with: $0) }) { return index..<(index + separator.count) }
        }
        return nil
    }

    /// The bytes of a list mark: "* ", "+ ", "o ", "- ", "• ", "3. ".
    static func listMarkLength(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        if line.count > 2, line[1] == 0x20, [0x2A, 0x2B, 0x6F, 0x2D].contains(line[0]) { return 2 }
        if line.count > 4, line[0] == 0xE2, line[1] == 0x80, line[2] == 0xA2, line[3] == 0x20 { return 4 }
        var digits = 0
        while digits < line.count, digits < 3, DateParser.isDigit(line[digits]) { digits += 1 }
        return (1...2).contains(digits) && line.count > digits + 2 && line[digits] == 0x2E && line[digits + 1] == 0x20 ? digits + 2 : 0
    }

    /// "3. Headline", "* Headline" -> "Headline".
    static func withoutListMark(_ text: String) -> Substring {
        let marks = ["* ", "+ ", "o ", "- ", "• "]
        if let mark = marks.first(where: text.hasPrefix) { return text.dropFirst(mark.count) }
        let digits = text.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count <= 2, text.dropFirst(digits.count).hasPrefix(". ") { return text.dropFirst(digits.count + 2) }
        return text[...]
    }

    /// How lines open that are a page's labels, not its headline ("Edited by: X").
    static let titleOpenings = [
        "by ", "tags:", "related:", "filed under", "posted in", "categories:", "introduction:", "edited by", "reviewed by", "written by",
        "fact checked", "fact-checked",
    ]

    /// The words of a line that may be a headline: 2 to 24 words, no list mark, no closing period
    /// (but an initialism's: "... in the U.S.") or colon, starting with a letter, digit or quote;
    /// nil for any other line.
    static func titleWords(_ text: String) -> Int? {
        guard let first = text.first, let last = text.last, first.isLetter || first.isNumber || "\"“‘'".contains(first),
            !",;:…".contains(last), last != "." || endsInInitialism(text), withoutListMark(text).startIndex == text.startIndex,
            !titleOpenings.contains(where: text.prefix(14).lowercased().hasPrefix)
        else { return nil }
        // Words between spaces; ASCII text counted on its bytes.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        let words = (ascii ? text.utf8.withContiguousStorageIfAvailable(PageMetadata.words) : nil) ?? text.split(separator: " ").count
        guard (2...24).contains(words), text.contains(where: { $0.isLowercase }) || words <= 12 else { return nil }
        // A line of page words only ("Open Menu Close Menu", "View All Insights") is no headline.
        return onlyPageWords(text, ascii: ascii) ? nil : words
    }

    /// "U.S.", "D.C.": two capitals, each with its period, close the text.
    private static func endsInInitialism(_ text: String) -> Bool {
        let tail = Array(text.utf8.suffix(4))
        return tail.count == 4 && DateParser.isUpper(tail[0]) && tail[1] == 0x2E && DateParser.isUpper(tail[2]) && tail[3] == 0x2E
    }

    /// Whether every run of letters in `text` is a common page word; ASCII text is read
    /// byte by byte up to its first other word.
    private static func onlyPageWords(_ text: String, ascii: Bool) -> Bool {
        guard ascii else {
            return text.lowercased().split { !$0.isLetter }.allSatisfy { NameText.common.contains(String($0)) }
        }
        var word: [UInt8] = []
        for byte in text.utf8 {
            if DateParser.isWordByte(byte) {
                word.append(byte | 0x20)
                continue
            }
            if !word.isEmpty, !NameText.common.contains(String(decoding: word, as: UTF8.self)) { return false }
            word.removeAll(keepingCapacity: true)
        }
        return word.isEmpty || NameText.common.contains(String(decoding: word, as: UTF8.self))
    }

    /// An author's role under the name ("Chirag Bhardwaj" / "VP - Technology") is no headline;
    /// a role alone may be one (a job page's "Senior Software Engineer").
    private static func isRoleUnderName(_ text: String, _ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Bool {
        guard index > 0, ranges[index - 1].count <= 80, BylineText.isRole(text) else { return false }
        let above = String(decoding: UnsafeBufferPointer(rebasing: bytes[ranges[index - 1]]), as: UTF8.self)
        return BylineText.read(String(withoutListMark(above)))?.form == .bare
    }

    /// "Newsroom / Online learning tips / Headline" -> "Headline" when the page shows "Headline"
    /// elsewhere (the line is a breadcrumb that ends in the headline); so too "Home Research
    /// Headline", a breadcrumb whose steps a converter joined with spaces.
    static func withoutTrail(_ text: String, _ counts: Counts) -> String {
        let bytes = Array(text.utf8)
        if bytes.starts(with: "Home ".utf8) {
            // The line's own keys hold no such tail, so one count is another line.
            let starts = bytes.indices.dropFirst(5).filter { bytes[$0 - 1] == 0x20 && bytes[$0] != 0x20 }
            if let start = starts.first(where: { bytes[$0...].split(separator: 0x20).count >= 3 && counts[hash(bytes[$0...])] >= 1 }) {
                return String(decoding: bytes[start...], as: UTF8.self)
            }
        }
        guard let step = bytes.withUnsafeBufferPointer({ lastSeparator($0, from: 0, among: breadcrumbs) }) else { return text }
        let last = bytes[step.upperBound...]
        return last.split(separator: 0x20).count >= 3 && counts[hash(last)] >= 2 ? String(decoding: last, as: UTF8.self) : text
    }

    /// "Headline | Site" -> "Headline" when the page shows "Headline" alone or "Site" elsewhere.
    static func withoutSite(_ text: String, _ counts: Counts) -> String {
        let bytes = Array(text.utf8)
        let separator = bytes.withUnsafeBufferPointer { lastSeparator($0, from: 0) }
        guard let separator else { return text }
        let head = bytes[..<separator.lowerBound]
        let site = bytes[separator.upperBound...]
        guard head.split(separator: 0x20).count >= 2, site.split(separator: 0x20).count <= 5 else { return text }
        return counts[hash(head)] >= 2 || counts[hash(site)] >= 2 ? String(decoding: head, as: UTF8.self) : text
    }
}
