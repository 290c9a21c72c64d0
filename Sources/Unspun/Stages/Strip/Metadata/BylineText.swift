/// Reads a line as a byline in the forms pages use: `By X`, `By X and Y`, `Written by X`,
/// `Author: X`, `Posted by X`, each maybe followed by a date, a role or a reading time
/// (`By X | Updated May 3, 2025`, `By X, Staff Writer`); `X, Staff Writer`, `X | Reuters`,
/// `X - Correspondent`; and a name alone on its line (which only counts beside a headline).
enum BylineText {
    struct Reading: Equatable {
        /// The names, as written.
        var names: [String]
        /// The byline as written: the names part of the line.
        var byline: String
        var form: Form
        /// Read after a date on its line ("May 3, 2017 By X").
        var afterDate = false
        /// Read on the lines under an introduction alone on its line ("Author" / "Jane Doe"):
        /// an author box's, wherever on the page it stands.
        var underLabel = false
    }

    enum Form: Equatable {
        /// Introduced by "By", "Written by", "Author:".
        case introduced
        /// Followed by a role or an agency.
        case role
        /// A name, then the date ("Scott Matton March 2, 2026"), or the date, then a name.
        case dated
        /// Nothing but a name.
        case bare
    }

    /// The words that introduce a byline, lower-case, longest first.
    static let introductions = [
        "written and edited by", "written by", "authored by", "article by", "words by", "story by", "text by", "posted by",
        "reported by", "interview by", "recipe by", "guide by", "contributors:", "contributor:", "authors:", "author:", "by:", "by",
        "von", "par",
    ]

    /// Words that may stand after the names on a byline line: roles, agencies, dates, reading times.
    static let trailerWords: Set<String> = [
        "on", "updated", "published", "posted", "last", "in", "for", "at", "staff", "senior", "chief", "contributing",
        "special", "associate", "deputy", "managing", "executive", "freelance", "political", "business", "science", "health",
        "writer", "reporter", "correspondent", "editor", "contributor", "columnist", "journalist", "author", "producer",
        "reuters", "ap", "afp", "bloomberg", "min", "mins", "minute", "minutes", "read", "reading", "time", "ago", "am", "pm",
        "reviewed", "edited",
    ]

    static let roles: Set<String> = [
        "writer", "reporter", "correspondent", "editor", "contributor", "columnist", "journalist", "copywriter", "reuters",
        "ap", "afp", "bloomberg", "press", "associated", "staff", "senior", "chief", "contributing", "special", "associate",
        "deputy", "managing", "executive", "freelance", "political", "business", "science", "health", "technology", "sports",
        "news", "features", "content", "strategist", "analyst", "manager", "director", "founder", "ceo", "marketing", "lead",
        "head", "of", "and", "digital", "producer", "specialist", "consultant", "former", "tech",
    ]

    /// Whether a line's bytes may hold a byline other than a bare name: it opens with an
    /// introduction, or is short and ends in a role word (`X, Staff Writer`).
    static func mayHold(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = line.count > 2 && line[1] == 0x20 && (line[0] == 0x2A || line[0] == 0x2B || line[0] == 0x2D) ? 2 : 0
        start = readingTimeEnd(line, from: start) ?? start
        if start < line.count, introductionInitials[Int(line[start] | 0x20)] {
            for introduction in introductionBytes where line.count > start + introduction.count {
                if mayOpen(line[start...], with: introduction), [0x20, 0x3A].contains(line[start + introduction.count]) { return true }
            }
        }
        guard line.count <= 80, let space = line.lastIndex(of: 0x20), line.count - space <= 14 else { return false }
        return roleHashes.contains(Headline.hash(line[(space + 1)...].lazy.map { $0 | 0x20 }))
    }

    /// Where the introduction stands after a reading time that opens the line ("5 min read ·
    /// Written by X"), past its separators; nil when no reading time opens it.
    static func readingTimeEnd<Bytes: RandomAccessCollection>(_ line: Bytes, from start: Int = 0) -> Int? where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = line.startIndex + start
        let digits = line[index...].prefix { $0 >= 0x30 && $0 <= 0x39 }.count
        guard (1...3).contains(digits) else { return nil }
        index += digits
        while index < line.endIndex, line[index] == 0x20 { index += 1 }
        let unit = line[index...].prefix { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }.map { $0 | 0x20 }
        guard readingTimeUnits.contains(unit) else { return nil }
        index += unit.count
        while index < line.endIndex, line[index] == 0x20 || line[index] == 0x2E { index += 1 }
        if line[index...].prefix(4).map({ $0 | 0x20 }).elementsEqual("read".utf8) { index += 4 }
        // Spaces and separators ("|", "-", ",", "·", "•") up to the next letter.
        while index < line.endIndex, line[index] == 0x20 || line[index] == 0x7C || line[index] == 0x2D || line[index] == 0x2C || line[index] >= 0x80 { index += 1 }
        return index < line.endIndex ? index - line.startIndex : nil
    }

    private static let readingTimeUnits = ["min", "mins", "minute", "minutes"].map { Array($0.utf8) }

    /// Whether a line's first byte may open an introduction (or a list mark before one).
    static func mayIntroduce(_ first: UInt8) -> Bool { introductionInitials[Int(first | 0x20)] || first == 0x2A || first == 0x2B || first == 0x2D }

    private static let introductionBytes = introductions.map { Array($0.utf8) }
    /// Separators that pages glue to a name ("Jacob Trussell—10 min read").
    private static let glue: Set<Character> = ["—", "·", "•", "|", "⋅", "●"]

    /// Whether `line` may open with `introduction` (lower-case ASCII): its bytes match in any
    /// ASCII case (a test looser than `introduced`'s, which it only spares most lines).
    static func mayOpen<Bytes: Collection<UInt8>>(_ line: Bytes, with introduction: [UInt8]) -> Bool {
        var byte = line.makeIterator()
        return introduction.allSatisfy { expected in byte.next().map { $0 | 0x20 == expected } ?? false }
    }
    private static let introductionCores = ["by", "autho", "von", "par"].map { Array($0.utf8) }
    /// Indexed by byte: whether an introduction opens with it (every line of a page is asked).
    private static let introductionInitials: [Bool] = (0...255).map { byte in introductions.contains { $0.utf8.first == UInt8(byte) } }
    private static let roleHashes = Set(roles.map { Headline.hash(Array($0.utf8)) })

    /// The byline a line holds, if it is one; `date` is where a date on it stands (UTF-8
    /// offsets), for the "name, then date", "date, then By X" and "date, then name" forms. A long line (`introducedOnly`) is read only as
    /// a byline that opens it: the other forms are short lines.
    static func read(_ text: String, date: Range<Int>? = nil, introducedOnly: Bool = false) -> Reading? {
        // No-break spaces (strip runs before or without normalize) are spaces here.
        let mark = Headline.withoutListMark(text)
        var line = mark.utf8.contains(0xC2) ? String(mark.map { $0 == "\u{A0}" ? " " : $0 }) : String(mark)
        while line.last == " " { line.removeLast() }
        if let introduced = introduced(line) ?? afterReadingTime(line) ?? date.flatMap({ afterDate(text, $0.upperBound) }) { return introduced }
        if introducedOnly { return nil }
        let dateStart = date?.lowerBound
        if let dateStart, dateStart > 0 {
            let before = String(decoding: Array(text.utf8)[..<dateStart], as: UTF8.self)
            // One run of words before the separators: "Sides , Sourdough · May 3" lists tags. A run
            // of label words alone is the date's ("David Hartshorne • Updated on Jul 4, 2024").
            let runs = separated(Headline.withoutListMark(before)).filter { run in
                run.contains { $0 != " " } && !run.split(separator: " ").allSatisfy { dateLabels.contains($0.lowercased()) }
            }
            var name = runs.count == 1 ? runs[0].split(separator: " ") : []
            // "Patrick Clarke Published 10:19am 19 December 2025": the label and time go.
            while let last = name.last, name.count > 2, trailerWords.contains(last.lowercased()) || last.contains(where: \.isNumber) { name.removeLast() }
            if NameText.isName(name, explicit: false) {
                return Reading(names: [name.joined(separator: " ")], byline: name.joined(separator: " "), form: .dated)
            }
        }
        if let date, let reading = nameAfterDate(text, date) { return reading }
        if let role = withRole(line) { return role }
        // A name has no digit, and the credentials stand after its first comma: most date lines
        // end here, before their words are split.
        guard !line.utf8.prefix(while: { $0 != 0x2C }).contains(where: DateParser.isDigit) else { return nil }
        // "Dylan Bailey, MS, RD": the name without its credentials.
        var parts = line.split(separator: ",")
        while parts.count > 1, let last = parts.last, NameText.isCredential(last.trimmingSpaces) { parts.removeLast() }
        // A list item alone ("* Poker Chip Trays") is a menu's, not a byline.
        let words = parts.count == 1 && mark.startIndex == text.startIndex ? parts[0].split(separator: " ") : []
        guard NameText.isName(words, explicit: false) || NameText.isTeam(words) else {
            return mark.startIndex == text.startIndex ? namesAlone(line[...]) : nil
        }
        return Reading(names: [words.joined(separator: " ")], byline: line, form: .bare)
    }

    /// Names alone ("Naftali Tishby, Fernando C. Pereira, William Bialek"), or a name, then its
    /// role with no comma between ("Eli Manikan Contributing Writer | Strategy games"; only the
    /// part before a " | " is read). Like a bare name, they count only beside the headline and a
    /// date; they are no headline.
    static func namesAlone(_ line: Substring) -> Reading? {
        // Most lines are no names: too long, or opening with no capital.
        guard line.utf8.count <= 80, let first = line.utf8.first, DateParser.isUpper(first) || first >= 0x80 else { return nil }
        if line.utf8.contains(0x2C) {
            let names = line.split(separator: ",").map { $0.split(separator: " ") }
            if (2...6).contains(names.count), names.allSatisfy({ NameText.isName($0, explicit: false) }) {
                return Reading(names: names.map { $0.joined(separator: " ") }, byline: String(line), form: .bare)
            }
        }
        guard holdsRoleHead(line) else { return nil }
        let head = line.range(of: " | ").map { line[..<$0.lowerBound] } ?? line
        let words = head.split(separator: " ")
        guard (3...8).contains(words.count) else { return nil }
        for split in 2...min(4, words.count - 1) where isRole(words[split...].joined(separator: " ")) && NameText.isName(Array(words[..<split]), explicit: false) {
            let name = words[..<split].joined(separator: " ")
            return Reading(names: [name], byline: name, form: .bare)
        }
        return nil
    }

    private static func introduced(_ line: String) -> Reading? {
        // Most lines open with no introduction: their bytes tell at once.
        guard let first = line.utf8.first, introductionInitials[Int(first | 0x20)],
            introductionBytes.contains(where: { introduction in mayOpen(line.utf8, with: introduction) })
        else { return nil }
        // The longest introduction is 21 letters: only the line's head is lower-cased.
        let lower = line.prefix(24).lowercased()
        let opens = { (introduction: String) in
            guard lower.hasPrefix(introduction) else { return false }
            let next = lower.dropFirst(introduction.count).first
            return next == " " || next == ":" || introduction.hasSuffix(":")
        }
        guard let introduction = introductions.first(where: opens) else {
            return nil
        }
        // Separators and page words glued to a name ("Jacob Trussell—10 min read",
        // "Korin MillerPublished: Jan 29, 2025") stand apart.
        // Names and the word after them stand in the line's head: a long line is not read whole.
        let head = line.dropFirst(introduction.count).prefix(100)
        var separated = ""
        for character in head {
            if glue.contains(character) { separated += " \(character) " } else { separated.append(character) }
        }
        let spaced = NameText.unglued(separated)
        let rest = spaced[...].drop { $0 == " " || $0 == ":" }
        // The names run while words are capitalised or join names ("and", "&", ",").
        var end = rest.startIndex
        let words = rest.split(separator: " ", omittingEmptySubsequences: true)
        for (position, word) in words.enumerated() {
            let bare = word.hasSuffix(",") ? word.dropLast() : word
            let lower = bare.lowercased()
            let joins = lower == "and" || lower == "&"
            // "By June Smith" (not "By June 3, 2024"): a month or season word opens a name.
            let given = position == 0 && NameText.givenMonths.contains(lower) && words.count > 1 && startsName(words[1].hasSuffix(",") ? words[1].dropLast() : words[1])
            // "By Tom May | March 3" (not "By Tom May 3, 2024"): a family name too.
            let family = position > 0 && NameText.givenMonths.contains(lower) && !(words.dropFirst(position + 1).first?.first?.isNumber ?? false)
            // "By News Desk", "Written by Our Editors": before a team word, any capitalised word.
            let team =
                NameText.isNameWord(bare)
                && words.dropFirst(position + 1).prefix(2).contains { NameText.teams.contains(String($0.lowercased().filter(\.isLetter))) }
            let namePart =
                given || family || team || (NameText.isNameWord(bare) || position > 0 && NameText.isInitial(bare)) && !NameText.common.contains(lower)
                || position < 5 && NameText.particles.contains(lower) || position == 0 && lower == "the" || NameText.teams.contains(lower) && position > 0
            guard namePart || joins && position > 0 else { break }
            if !joins { end = bare.endIndex }
            if word.hasSuffix(","), position + 1 < words.count, !startsName(words[position + 1]) { break }
        }
        guard end > rest.startIndex else { return nil }
        var namesPart = rest[rest.startIndex..<end]
        // A name said twice ("Written by: Colin Gray Colin Gray", a link and its text) once.
        let said = namesPart.split(separator: " ")
        if said.count == 4 || said.count == 6, said[..<(said.count / 2)].elementsEqual(said[(said.count / 2)...]) {
            namesPart = Substring(said[..<(said.count / 2)].joined(separator: " "))
        }
        guard isTrailer(rest[end...]), let names = NameText.names(in: namesPart, explicit: true) ?? single(namesPart, before: rest[end...]) else { return nil }
        return Reading(names: names, byline: namesPart.split(separator: " ").joined(separator: " "), form: .introduced)
    }

    /// A byline after a reading time ("5 min read Written by X", "3 min read · By X").
    private static func afterReadingTime(_ line: String) -> Reading? {
        guard line.first?.isNumber == true else { return nil }
        let bytes = Array(line.utf8)
        guard let end = readingTimeEnd(bytes) else { return nil }
        return introduced(String(decoding: bytes[end...], as: UTF8.self))
    }

    /// A byline after the date, maybe past a separated part ("May 3, 2017 By Erin Spain 4
    /// Comments", "March 15, 2022 · 3 min read · By ASU Online").
    private static func afterDate(_ text: String, _ end: Int) -> Reading? {
        // Every introduction holds one of these: most date lines hold none and cost no string.
        let bytes = Array(text.utf8)[end...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard introductionCores.contains(where: { core in bytes.indices.contains { bytes[$0...].starts(with: core) } }) else { return nil }
        let rest = String(decoding: Array(text.utf8)[end...], as: UTF8.self)
        for part in rest.split(whereSeparator: { "|·•●⋅".contains($0) }).prefix(3) {
            if var reading = introduced(String(part.drop { $0 == " " || $0 == "," })) {
                reading.afterDate = true
                return reading
            }
        }
        return nil
    }

    /// The words that label a date ("Updated on", "Published"), which may stand between a name and it.
    static let dateLabels: Set<String> = ["updated", "published", "posted", "modified", "last", "on"]

    /// A name right after a date that opens the line, past a separator, up to the next separator
    /// or small word ("Dec 26, 2025 • Mahua Das in Project Management", "Dec 17, 2025 Julian K.
    /// Arni"; not "Oct 1, 2025 Apple Unveils iPhone 17", where more words follow).
    private static func nameAfterDate(_ text: String, _ date: Range<Int>) -> Reading? {
        let bytes = Array(text.utf8)
        let before = String(decoding: bytes[..<date.lowerBound], as: UTF8.self)
        guard Headline.withoutListMark(before).allSatisfy({ $0 == " " }) else { return nil }
        let after = String(decoding: bytes[date.upperBound...], as: UTF8.self).drop { $0 == " " || tagSeparators.contains($0) }
        guard let run = separated(after).first else { return nil }
        let words = run.split(separator: " ")
        let name = words.prefix { $0.first?.isUppercase == true }
        guard name.count == words.count || ["in", "on", "for", "at", "with"].contains(words[name.count]),
            NameText.isName(Array(name), explicit: false)
        else { return nil }
        let joined = name.joined(separator: " ")
        return Reading(names: [joined], byline: joined, form: .dated, afterDate: true)
    }

    /// One name word after the introduction ("by Amanda · Dec 20, 2025", "Posted by BeauHD on"),
    /// taken only when a separator, a date or "on" follows ("By Alexa" alone may be a product).
    private static func single(_ name: Substring, before trailer: Substring) -> [String]? {
        let words = name.split(separator: " ")
        guard words.count == 1, let word = words.first, startsName(word), !NameText.nounEndings.contains(where: word.lowercased().hasSuffix) else { return nil }
        let rest = trailer.drop { $0 == " " }
        guard rest.first.map({ "|·•⋅●–—-(".contains($0) || $0.isNumber }) ?? false || rest.hasPrefix("on ") else { return nil }
        return [String(word)]
    }

    private static func startsName(_ word: Substring) -> Bool { NameText.isNameWord(word) && !NameText.common.contains(word.lowercased()) }

    /// After the names: nothing, a separator, a number, or a role, date or reading-time word.
    private static func isTrailer(_ text: Substring) -> Bool {
        let rest = text.drop { $0 == " " }
        guard let first = rest.first else { return true }
        if "|·•⋅●–—-,/(".contains(first) || first.isNumber { return true }
        let word = rest.prefix { $0.isLetter }.lowercased()
        return trailerWords.contains(word) || NameText.common.contains(word) && rest.first?.isUppercase == true
    }

    /// What separates the tags or parts of a line before a date ("Sides , Sourdough · May 3").
    private static let tagSeparators: Set<Character> = ["|", "•", "·", "⋅", "●", "–", "—", "-", ","]

    /// The runs of a text between separators; a hyphen between letters joins a name ("Jean-Pierre").
    private static func separated(_ text: Substring) -> [Substring] {
        var runs: [Substring] = []
        var start = text.startIndex
        var previous: Character = " "
        for index in text.indices {
            let character = text[index]
            let next = text.index(after: index) < text.endIndex ? text[text.index(after: index)] : " "
            if tagSeparators.contains(character), !(character == "-" && previous.isLetter && next.isLetter) {
                runs.append(text[start..<index])
                start = text.index(after: index)
            }
            previous = character
        }
        runs.append(text[start...])
        return runs
    }

    /// `X, Staff Writer`, `X | Reuters`, `X - Correspondent`.
    private static func withRole(_ line: String) -> Reading? {
        // The first ",", "|", "-", "–" or "—", found on the bytes.
        let utf8 = line.utf8
        let dashes: [[UInt8]] = [[0xE2, 0x80, 0x93], [0xE2, 0x80, 0x94]]
        // A hyphen between letters is a name's ("Smith-Jones, Staff Writer").
        let isLetter = { (byte: UInt8?) in byte.map { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } ?? false }
        let isSeparator = { (index: String.Index) in
            if utf8[index] == 0x2D {
                return !(index > utf8.startIndex && isLetter(utf8[utf8.index(before: index)]) && isLetter(utf8.index(after: index) < utf8.endIndex ? utf8[utf8.index(after: index)] : nil))
            }
            return [0x2C, 0x7C].contains(utf8[index]) || utf8[index] == 0xE2 && dashes.contains { utf8[index...].starts(with: $0) }
        }
        guard let separator = utf8.indices.first(where: isSeparator), !utf8[..<separator].contains(where: DateParser.isDigit) else { return nil }
        let name = line[..<separator].split(separator: " ")
        let role = line[separator...].dropFirst().split { !$0.isLetter }
        guard isRole(role), NameText.isName(name, explicit: false) else { return nil }
        return Reading(names: [name.joined(separator: " ")], byline: name.joined(separator: " "), form: .role)
    }

    /// Whether a line is an author's role alone ("Content Editor", "VP - Technology", "Senior
    /// Content Contributor"): one to five role words, one of them a role's head.
    static func isRole(_ line: String) -> Bool { holdsRoleHead(line) && isRole(line.split { !$0.isLetter }) }

    /// Whether an ASCII word of the line is a role's head or a line role, which `isRole` needs:
    /// read on the line's letter runs, so that most lines need no words split.
    private static func holdsRoleHead<Text: StringProtocol>(_ line: Text) -> Bool {
        var holds = false
        let read = { (bytes: UnsafeBufferPointer<UInt8>) in LetterRuns.forEachRun(in: bytes) { hash, _ in holds = holds || headHashes.contains(hash) } }
        if line.utf8.withContiguousStorageIfAvailable(read) == nil { Array(line.utf8).withUnsafeBufferPointer(read) }
        return holds
    }

    private static let headHashes = Set(roleHeads.union(lineRoles).map(LetterRuns.hash))

    /// One to five words, one of them a role's head, at most one not a role word and that one
    /// capitalised ("Print Managing Editor", "Former McKinsey Consultant"; not "data analyst").
    private static func isRole(_ words: [Substring]) -> Bool {
        let lower = words.map { $0.lowercased() }
        let others = words.indices.filter { !roles.contains(lower[$0]) && !lineRoles.contains(lower[$0]) }
        return (1...5).contains(words.count) && others.count <= (words.count > 1 ? 1 : 0)
            && others.allSatisfy { words[$0].first?.isUppercase == true } && lower.contains { roleHeads.contains($0) || lineRoles.contains($0) }
    }

    /// Role words beyond those that `roles` lists (which also rule names out).
    static let lineRoles: Set<String> = [
        "vp", "president", "expert", "trending", "ceo", "cto", "cfo", "founder", "officer", "former", "engineer", "consultant",
        "software", "analyst", "strategist", "specialist", "manager", "director",
    ]

    /// The words a role must hold one of ("Staff Writer", not "Business").
    static let roleHeads: Set<String> = [
        "writer", "reporter", "correspondent", "editor", "contributor", "columnist", "journalist", "copywriter", "reuters", "ap",
        "afp", "bloomberg", "press", "producer",
    ]
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        guard let first = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else { return "" }
        return String(self[first...last])
    }
}
