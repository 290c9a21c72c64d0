/// Finds a page's headline, authors and publication date among its lines, and the author's bio
/// lines at the end, which strip removes. Byline and date lines stay for the rules and the
/// classifier to judge: removing them here would change what a second run reads as the header,
/// and a stage must be idempotent.
/// The headline anchors the rest: the byline and the date stand just below it (or just above).
/// Precision first: a byline far from the headline, a date without a label or an anchor, and a
/// numeric date whose day and month the page does not settle give nothing.
final class PageMetadata {
    private let parser = DateParser()

    /// What a line that may hold a byline or a date offered.
    private struct Line {
        var text: String
        var byline: BylineText.Reading?
        var dates: [DateParser.Found] = []
        var label: DateLabel = .none
        var words = 0
    }

    enum DateLabel { case none, published, updated, excluded }

    /// Lines longer than this (bytes) are article text, not metadata.
    static let longestLine = 300

    /// The fields found, and the author's bio lines (indices into `ranges`). `prose` is the
    /// first line of article prose the classifier kept, which the headline stands above;
    /// `ruled` the lines a strip rule took (captions, menus), which are no headline.
    func find(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], prose: Int?, ruled: Set<Int>) -> (fields: JSONObject, bio: [Int]) {
        // Only lines that may hold a year or a byline become strings (bytes checks first).
        func text(_ index: Int) -> String? {
            ranges[index].count <= Self.longestLine ? String(decoding: UnsafeBufferPointer(rebasing: bytes[ranges[index]]), as: UTF8.self) : nil
        }
        var lines: [Line?] = ranges.indices.map { index in
            let line = UnsafeBufferPointer(rebasing: bytes[ranges[index]])
            guard line.count <= Self.longestLine else { return nil }
            let hasYear = DateParser.hasYear(line)
            let mayHold = BylineText.mayHold(line)
            guard hasYear || mayHold, let text = text(index) else { return nil }
            var found = Line(text: text)
            found.words = Self.words(line)
            // A long line's date is read in its head ("Posted on November 25, 2024 in College of
            // Health Sciences, General, ..."), up to a space.
            let head = found.words <= 24 ? line.count : line.prefix(80).lastIndex(of: 0x20) ?? 0
            found.dates = hasYear && (head == line.count || DateParser.hasYear(line.prefix(head))) ? parser.dates(in: Array(line.prefix(head))) : []
            // An introduced byline may run long ("By X – Updated ... | Fact-checked by Y").
            let read = mayHold || found.words <= 16 && !found.dates.isEmpty
            // A published and an updated date glued ("January 12, 2025January 22, 2025 By X")
            // stand before the byline as one.
            let date = found.dates.first.map { first in
                found.dates.count > 1 && found.dates[1].range.lowerBound == first.range.upperBound ? first.range.lowerBound..<found.dates[1].range.upperBound : first.range
            }
            found.byline = read ? BylineText.read(text, date: date, introducedOnly: found.words > 16) : nil
            return found
        }
        Self.joinSplitBylines(&lines, bytes, ranges, text: text)
        // A menu's "By" items and a shop's facets ("By Wine Region") are no bylines.
        var facets: Bool?
        for index in lines.indices where lines[index]?.byline != nil {
            var drop = PageSections.inMenu(bytes, ranges, index)
            if !drop, lines[index]?.byline?.form == .introduced, lines[index]?.dates.isEmpty == true, PageSections.afterBy(bytes, ranges[index]) != nil {
                // Counted once, and only on pages with such a line.
                if facets == nil { facets = PageSections.listsFacets(bytes, ranges) }
                drop = facets == true
            }
            if drop { lines[index]?.byline = nil }
        }
        // Dates below a page's comments or its related posts are theirs.
        let others = PageSections.othersStart(bytes, ranges, after: prose ?? 0)
        let labels = lines.indices.map { index in
            index >= others ? .excluded : Self.label(lines, index, text: text, bytes: bytes, ranges: ranges)
        }
        for index in lines.indices { lines[index]?.label = labels[index] }
        // A byline, a date line, names alone or with a role, or a line a rule took is no headline.
        let headlineText = { (index: Int) in
            lines[index].map { $0.byline == nil && $0.dates.isEmpty } ?? true && !ruled.contains(index) ? text(index).flatMap { BylineText.namesAlone($0[...]) == nil ? $0 : nil } : nil
        }
        let readingTimes = Self.readingTimes(bytes, ranges)
        let anchors = (anchors(lines) + readingTimes).filter { $0.line < others } + (prose.map { [Headline.Anchor(line: $0, strong: false, headsBelow: false)] } ?? [])
        let title = Headline.find(bytes, ranges, text: headlineText, anchors: anchors, lede: LedeWords(bytes, ranges, from: prose ?? 0))
        var fields = JSONObject()
        var bio: [Int] = []
        if let title { fields["title"] = .string(title.text) }
        // A name line is short: longer lines do not become strings to be read as one.
        let found =
            author(lines, near: title?.line, readingTimes: Set(readingTimes.map(\.line))) { ranges[$0].count <= 80 ? text($0) : nil }
            ?? AuthorBio.box(bytes, ranges, below: title?.line ?? -1) { index in
                guard let line = text(index), let reading = BylineText.read(String(Headline.withoutListMark(line))) else { return nil }
                return reading.form == .bare || reading.form == .role ? reading : nil
            }
        // A name the page gives as its editor or reviewer is no author, nor a date's anchor.
        let author = found.flatMap { Self.namesEditors($0.reading.names, bytes, ranges) ? nil : $0 }
        if let author {
            fields["byline"] = .string(author.reading.byline)
            fields["authors"] = .array(author.reading.names.map(JSONValue.string))
            bio = AuthorBio.lines(bytes, ranges, names: author.reading.names, after: title?.line ?? author.line)
        }
        if let date = date(lines, near: title?.line, byline: author?.line) {
            fields["date"] = .string(date.iso)
            if let time = date.isoTime { fields["date_time"] = .string(time) }
        }
        if let updated = lines.indices.first(where: { lines[$0]?.label == .updated }), let found = settled(lines, updated) {
            fields["updated"] = .string(found.iso)
        }
        return (fields, bio)
    }

    /// The rules' fields with the page's added: the page's date wins (a rule takes "Updated"
    /// stamps too), a rule's byline wins when it reads as names (then the authors come from it).
    static func merge(_ page: JSONObject, under rules: JSONObject) -> JSONObject {
        var merged = rules
        let ruleNames = rules["byline"]?.stringValue.flatMap { NameText.names(in: $0[...], explicit: true) }
        if rules["byline"] != nil, ruleNames == nil { merged["byline"] = nil }
        for (key, value) in page.fields where merged[key] == nil || key == "date" {
            if ruleNames != nil, key == "authors" || key == "byline" { continue }
            merged[key] = value
        }
        if page["date"] == nil, let date = rules["date"], date == page["updated"] { merged["date"] = nil }
        if let ruleNames { merged["authors"] = .array(ruleNames.map(JSONValue.string)) }
        return merged
    }

    /// How a line opens that names the page's editor or reviewer, not its author.
    static let editorLabels = ["edited by", "reviewed by", "fact checked by", "fact-checked by", "medically reviewed by"].map { Array($0.utf8) }

    /// Whether the page gives each of `names` as its editor or reviewer ("Edited by: Keri
    /// Stooksbury", or "Edited by" alone over the name, then "Keri Stooksbury" /
    /// "Editor-in-Chief" in the author box below): a whole name, not a part of a longer one.
    static func namesEditors(_ names: [String], _ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Bool {
        var editors: [String] = []
        for (index, range) in ranges.enumerated() where range.count <= 120 {
            let whole = UnsafeBufferPointer(rebasing: bytes[range])
            let line = UnsafeBufferPointer(rebasing: whole[Headline.listMarkLength(whole)...])
            guard let label = editorLabels.first(where: { BylineText.mayOpen(line, with: $0) }) else { continue }
            editors.append(String(decoding: line, as: UTF8.self))
            // The label alone (maybe with its colon): the name stands on the next line.
            if line.count <= label.count + 1, index + 1 < ranges.count, ranges[index + 1].count <= 120 {
                editors.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[ranges[index + 1]]), as: UTF8.self))
            }
        }
        return !editors.isEmpty && names.allSatisfy { name in editors.contains { holdsWhole(name, in: $0) } }
    }

    /// Whether `name` stands in `text` with no letter glued to either side.
    private static func holdsWhole(_ name: String, in text: String) -> Bool {
        var rest = text[...]
        while let found = rest.range(of: name) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
            if !before.isLetter, !after.isLetter { return true }
            rest = text[found.upperBound...]
        }
        return false
    }

    /// An introduction alone on its line and the names on the next ones ("By" / "Lauren",
    /// "By" / "Thomas Broderick" / "," / "Nalea Ko"): the byline is read on the last name line.
    private static func joinSplitBylines(_ lines: inout [Line?], _ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], text: (Int) -> String?) {
        func plain(_ index: Int) -> String? {
            ranges[index].count <= 80 ? text(index).map { String(Headline.withoutListMark($0)) } : nil
        }
        for index in lines.indices.dropLast() where lines[index] == nil && ranges[index].count <= 18 && BylineText.mayIntroduce(bytes[ranges[index].lowerBound]) {
            guard var head = plain(index)?.lowercased(), head.utf8.count <= 16 else { continue }
            if head.last == ":" { head.removeLast() }
            // "Author" alone reads as "Author:".
            if !BylineText.introductions.contains(head) { head += ":" }
            guard BylineText.introductions.contains(head) else { continue }
            var joined = head
            var position = index + 1
            var last: Int?
            while position < min(lines.count, index + 9), let name = plain(position), lines[position]?.byline == nil {
                joined += " " + name
                last = position
                guard position + 2 < lines.count, let joiner = plain(position + 1), [",", ", and", "and", "&"].contains(joiner) else { break }
                joined += joiner.first == "," ? joiner : " " + joiner
                position += 2
            }
            guard let last, var reading = BylineText.read(joined), reading.form == .introduced else { continue }
            reading.underLabel = true
            if lines[last] == nil { lines[last] = Line(text: text(last) ?? joined) }
            lines[last]?.byline = reading
        }
    }

    /// Lines a headline stands above: explicit bylines and labelled dates (strong), date lines.
    private func anchors(_ lines: [Line?]) -> [Headline.Anchor] {
        lines.indices.compactMap { index in
            guard let line = lines[index] else { return nil }
            if line.byline.map({ $0.form == .introduced || $0.form == .role }) ?? false || line.label == .published || line.label == .updated {
                return Headline.Anchor(line: index, strong: true)
            }
            return !line.dates.isEmpty && line.label == .none && dateOnly(line) ? Headline.Anchor(line: index, strong: false) : nil
        }
    }

    /// The explicit byline ("By" first, then "X, Staff Writer", then "X March 2, 2026") nearest
    /// below the headline, or just above it; else, when the page's bylines name one or two
    /// people, the one it gives most often, if more than once, or its first in the page's first
    /// half, or its only one when that stands under a label line ("Author" / "Jane Doe"); else a
    /// name alone on a line under the headline. With the line that holds it.
    private func author(_ lines: [Line?], near title: Int?, readingTimes: Set<Int>, text: (Int) -> String?) -> (reading: BylineText.Reading, line: Int)? {
        var chosen: Int?
        let bylines = lines.indices.filter { lines[$0]?.byline != nil }
        for form in [BylineText.Form.introduced, .role, .dated] where chosen == nil {
            let explicit = bylines.filter { lines[$0]?.byline?.form == form }
            if let title {
                chosen = explicit.first { $0 > title && $0 <= title + 15 } ?? explicit.last { $0 < title && $0 >= title - 6 }
            }
            // Far from the headline, a page naming three or more people lists posts, and so
            // does one with four bylines or more, by one author or a few. A byline after a date
            // there ("October 28, 2025 by X | Community") is a post's.
            let far = explicit.filter { lines[$0]?.byline?.afterDate == false }
            if chosen == nil, form != .dated, far.count <= 3, Set(far.compactMap { lines[$0]?.byline?.names }).count <= 2 {
                let names = far.compactMap { lines[$0]?.byline?.names }
                func count(_ index: Int) -> Int { names.filter { $0 == lines[index]?.byline?.names }.count }
                chosen =
                    far.filter { count($0) >= 2 }.max { count($0) < count($1) }
                    ?? (Set(names).count == 1 && title == nil ? far.first : nil) ?? far.first { $0 < lines.count / 2 }
                    ?? (far.count == 1 && lines[far[0]]?.byline?.underLabel == true ? far.first : nil)
            }
        }
        if chosen == nil, let title { return bare(lines, near: title, readingTimes: readingTimes, text: text) }
        guard let chosen, let reading = lines[chosen]?.byline else { return nil }
        return (reading, chosen)
    }

    /// A name alone on a line within six lines under the headline, with a date line or a reading
    /// time beside it or its role below it; or just above the headline, right beside a date line
    /// or a reading time ("Jane Doe" / "September 4, 2025" / the headline).
    private func bare(_ lines: [Line?], near title: Int, readingTimes: Set<Int>, text: (Int) -> String?) -> (reading: BylineText.Reading, line: Int)? {
        let stamp = { (index: Int) in
            lines.indices.contains(index) && (readingTimes.contains(index) || lines[index].map { !$0.dates.isEmpty && self.dateOnly($0) } ?? false)
        }
        func stampItem(_ index: Int) -> Bool {
            stamp(index) && text(index).map { Headline.withoutListMark($0).startIndex != $0.startIndex } ?? false
        }
        func reading(_ index: Int) -> BylineText.Reading? {
            // A meta list's name item ("* Jane Doe" over "* July 27, 2025", or over "* Jun 9" /
            // "* 5 min read") is read as a name too.
            let listed = stampItem(index - 1) || stampItem(index + 1) || stampItem(index + 2)
            let reading = lines[index].map { $0.byline } ?? text(index).flatMap { BylineText.read(listed ? String(Headline.withoutListMark($0)) : $0) }
            // A name with its role on a line the byte checks passed by ("X, Shipping Expert").
            return reading?.form == .bare || reading?.form == .role ? reading : nil
        }
        for index in (title + 1)..<min(lines.count, title + 7) {
            guard let reading = reading(index) else { continue }
            let dated = (index - 3...index + 3).contains(where: stamp)
            // Or the author's role on the next line ("Jane Doe" / "Content Editor").
            return dated || index + 1 < lines.count && text(index + 1).map(BylineText.isRole) ?? false ? (reading, index) : nil
        }
        for index in stride(from: title - 1, through: max(0, title - 4), by: -1) {
            guard let reading = reading(index) else { continue }
            return stamp(index - 1) || stamp(index + 1) ? (reading, index) : nil
        }
        // A one-word name just under the headline, right over its date or reading time ("* Gabo" /
        // "* Jan 23" / "* 11 min read", "Stefan" / "March 5, 2026"), as blog themes print it; not
        // a section the page names above the headline too ("Healthcare").
        for index in (title + 1)..<min(lines.count, title + 4) {
            guard let line = text(index).map(Headline.withoutListMark), !line.isEmpty else { continue }
            var next = index + 1
            while next < lines.count, text(next)?.isEmpty == true { next += 1 }
            let section = (max(0, title - 3)..<title).contains { text($0).map(Headline.withoutListMark) == line }
            guard !line.contains(" "), NameText.isGivenName(line), !section, stamp(next) || stampItem(next + 1) && lines[next] == nil else { return nil }
            return (BylineText.Reading(names: [String(line)], byline: String(line), form: .bare), index)
        }
        return nil
    }

    /// The publication date: a labelled one, else a date line beside the byline or just under
    /// the headline, else the page's first date line; an unlabelled one only when no other date
    /// line stands within four lines (a list of related posts has one under each title). A date
    /// that is only "Updated" is no publication date.
    private func date(_ lines: [Line?], near title: Int?, byline: Int?) -> DateParser.Found? {
        var window: [Int] = []
        if let byline { window += Array(max(0, byline - 2)..<min(lines.count, byline + 3)) }
        if let title { window += Array(max(0, title - 1)..<min(lines.count, title + 4)) }
        let dated = lines.indices.filter { index in
            lines[index].map { $0.label == .none && !$0.dates.isEmpty && (dateOnly($0) || $0.byline != nil) } ?? false
        }
        // The same day twice (above and below the headline) is no list.
        let day = { (index: Int) in lines[index]?.dates.first?.iso }
        // Unlabelled dates in the page's last 40% belong to related posts and comments, unless
        // they stand beside the headline or byline.
        let alone = dated.filter { index in
            (index < lines.count * 3 / 5 || window.contains(index)) && !dated.contains { abs($0 - index) <= 4 && day($0) != day(index) }
        }
        // A "Published" date beside the headline or byline; else the page's only one (several
        // are a list of posts, each "Published on ...").
        let labelled = lines.indices.filter { lines[$0]?.label == .published }
        let published = labelled.first(where: window.contains) ?? (labelled.count == 1 ? labelled.first : nil)
        // The first date line alone, not a "today" banner ("Saturday, December 20, 2025").
        let first = dated.first == alone.first ? alone.first.flatMap { index in lines[index].flatMap { Self.opensWithWeekday($0) ? nil : index } } : nil
        return (published ?? window.first(where: alone.contains) ?? first).flatMap { settled(lines, $0, earliest: true) }
    }

    /// A date line's count of comments ("0 Comments", "No Comments") is the post's, not a comment's.
    static let commentCounts = (0...9).map { "\($0) comment" } + ["no comment"]

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Whether a weekday stands before the date's end ("Friday, December 19" but not
    /// "12/19/2025 • Friday Philosophy").
    private static func opensWithWeekday(_ line: Line) -> Bool {
        guard let date = line.dates.first else { return false }
        return holds(String(decoding: Array(line.text.utf8)[..<date.range.upperBound], as: UTF8.self).lowercased(), any: weekdays)
    }

    /// The line's first date, or with `earliest` its earliest (a page is updated after it is
    /// published, and themes print the two in either order; numeric dates are compared only
    /// once settled, so the first then), unless it is numeric and the page does not say which
    /// is the day.
    private func settled(_ lines: [Line?], _ index: Int, earliest: Bool = false) -> DateParser.Found? {
        guard let dates = lines[index]?.dates, let first = dates.first else { return nil }
        let found = earliest && dates.allSatisfy { $0.swapped == nil } ? dates.min { $0.iso < $1.iso } ?? first : first
        guard let swapped = found.swapped else { return found }
        let orders = Set(lines.compactMap { $0?.dates }.joined().filter { $0.swapped == nil }.compactMap(\.order))
        guard orders.count == 1, let order = orders.first else { return nil }
        if order == .monthFirst { return found }
        var flipped = found
        (flipped.month, flipped.day, flipped.swapped) = (swapped.month, swapped.day, nil)
        return flipped
    }

    /// Reading-time lines ("5 min read", "17 minutes read", "Reading time about 6 minutes"):
    /// a page's header puts them under the headline, as it does a date.
    private static func readingTimes(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> [Headline.Anchor] {
        ranges.indices.compactMap { index in
            let whole = UnsafeBufferPointer(rebasing: bytes[ranges[index]])
            guard (8...48).contains(whole.count) else { return nil }
            let line = UnsafeBufferPointer(rebasing: whole[Headline.listMarkLength(whole)...])
            guard let first = line.first, DateParser.isDigit(first) || first | 0x20 == 0x72 || first | 0x20 == 0x65 else { return nil }
            let lower = String(decoding: line.lazy.map { DateParser.isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
            let timed = lower.contains("min") && (lower.contains(" read") || lower.hasPrefix("reading time") || lower.hasPrefix("estimated reading time"))
            return timed && line.contains(where: DateParser.isDigit) && words(line) <= 6 ? Headline.Anchor(line: index, strong: false) : nil
        }
    }

    /// Runs of bytes between spaces.
    static func words<Bytes: RandomAccessCollection<UInt8>>(_ line: Bytes) -> Int where Bytes.Index == Int {
        var count = 0
        for index in line.indices where line[index] != 0x20 && (index == line.startIndex || line[index - 1] == 0x20) { count += 1 }
        return count
    }

    /// Whether the line is little but its dates (a label, a separator, a reading time), or the
    /// date's part of a meta line of two to four parts is ("On Behalf of X | Apr 21, 2017 |
    /// Products Liability", "March 15, 2022 · 3 min read · By ASU Online"). The first date is
    /// the publication date ("December 20, 2024September 26, 2025" gives the post's date and
    /// its last update).
    private func dateOnly(_ line: Line) -> Bool {
        guard let date = line.dates.first, !line.text.contains("\t") else { return false }
        let utf8 = Array(line.text.utf8)
        // The time beside it ("6:01 PM ET") is the date's too.
        func little(_ part: Range<Int>, words: Int = 4) -> Bool {
            var rest = Array(utf8[part])
            for other in line.dates.reversed() where part.contains(other.range.lowerBound) && other.range.upperBound <= part.upperBound {
                rest.removeSubrange((other.range.lowerBound - part.lowerBound)..<(other.range.upperBound - part.lowerBound))
            }
            let text = String(decoding: rest, as: UTF8.self)
            return text.split { !$0.isLetter }.count <= words && text.filter(\.isNumber).count <= (date.time == nil ? 2 : 6)
        }
        if little(0..<utf8.count) { return true }
        let cuts = Self.separators(utf8)
        guard (1...3).contains(cuts.count), line.words <= 16 else { return false }
        let start = cuts.last { $0.upperBound <= date.range.lowerBound }?.upperBound ?? 0
        let end = cuts.first { $0.lowerBound >= date.range.upperBound }?.lowerBound ?? utf8.count
        // The other parts are short: not a headline's (`Headline | 12/20/2024`) nor an event's.
        let bounds = [0] + cuts.flatMap { [$0.lowerBound, $0.upperBound] } + [utf8.count]
        let parts = stride(from: 0, to: bounds.count, by: 2).map { bounds[$0]..<bounds[$0 + 1] }
        let short = parts.allSatisfy { $0.lowerBound == start || Self.words(utf8[$0]) <= 6 }
        return start < end && short && little(start..<end, words: 2)
    }

    private static let separatorBytes: [[UInt8]] = ["|", "·", "•", "⋅", "●"].map { Array($0.utf8) }

    /// Where a line's parts are cut: a separator with spaces around it.
    private static func separators(_ utf8: [UInt8]) -> [Range<Int>] {
        var cuts: [Range<Int>] = []
        var index = 1
        while index < utf8.count - 1 {
            if utf8[index - 1] == 0x20, let separator = separatorBytes.first(where: { utf8[index...].starts(with: $0) }),
                index + separator.count < utf8.count, utf8[index + separator.count] == 0x20
            {
                cuts.append(index..<(index + separator.count))
                index += separator.count
            } else {
                index += 1
            }
        }
        return cuts
    }

    /// Whether the text holds one of the words, compared on UTF-8 bytes (Foundation's
    /// `contains` costs more than the rest of the label).
    private static func holds(_ text: String, any words: [String]) -> Bool {
        let bytes = Array(text.utf8)
        return words.contains { word in
            let needle = Array(word.utf8)
            guard bytes.count >= needle.count else { return false }
            return (0...(bytes.count - needle.count)).contains { bytes[$0] == needle[0] && bytes[$0...].starts(with: needle) }
        }
    }

    /// What the words before a date (on its line, or alone on the line above) say it is.
    private static func label(_ lines: [Line?], _ index: Int, text: (Int) -> String?, bytes: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) -> DateLabel {
        guard let line = lines[index], let date = line.dates.first else { return .none }
        var before = String(decoding: Array(line.text.utf8)[..<date.range.lowerBound], as: UTF8.self).lowercased()
        for previous in stride(from: index - 1, through: max(0, index - 2), by: -1) {
            let short = ranges[previous].count <= 40 && words(UnsafeBufferPointer(rebasing: bytes[ranges[previous]])) <= 2
            guard lines[previous].map({ $0.dates.isEmpty }) ?? true, short, let above = text(previous) else { break }
            before = above.lowercased() + " " + before
        }
        let lower = line.text.lowercased()
        if holds(lower, any: ["©", "copyright", "rights reserved", "reply", " says", "wrote:", "(@"]) { return .excluded }
        if holds(before, any: ["ends", "until", "expires", "deadline", "released", "as of", "recorded", "event"]) { return .excluded }
        if Headline.withoutListMark(line.text).count < line.text.count, line.text.first?.isNumber == true { return .excluded }
        if line.byline == nil, holds(lower, any: ["comment"]), !holds(lower, any: Self.commentCounts) { return .excluded }
        if holds(before, any: ["updated", "modified", "revised", "aktualisiert", "mis à jour", "actualizado"]) { return .updated }
        if holds(before, any: ["published", "posted", "date:", "veröffentlicht", "publié", "publicado"]) { return .published }
        return .none
    }
}
