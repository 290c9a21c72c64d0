/// The headline among a page's lines: a title-like line just above a byline or date line,
/// preferring one the page repeats (in its `<title>`, a breadcrumb, a share text); else the
/// first long title-like line the page repeats. Without the site name after ` | ` or ` - `
/// when the page shows that part elsewhere.
enum Headline {
    /// A line a headline may stand above; strong for a byline or a labelled date. Early anchors
    /// count more: the article's header comes before related posts.
    struct Anchor {
        var line: Int
        var strong: Bool
    }

    static func find(_ texts: [String?], anchors: [Anchor]) -> (text: String, line: Int)? {
        var counts: [Substring: Int] = [:]
        for text in texts {
            guard let text else { continue }
            for key in Set(variants(text)) { counts[key, default: 0] += 1 }
        }
        func repeated(_ text: String) -> Bool { counts[text[...], default: 0] >= 2 }
        // Candidates within eight lines above the first anchors; a headline the page repeats,
        // above a byline or labelled date, above the first prose, long and early scores higher.
        var scores: [Int: Int] = [:]
        for (rank, anchor) in anchors.sorted(by: { $0.line < $1.line }).prefix(4).enumerated() {
            for index in max(0, anchor.line - 8)..<anchor.line {
                guard let text = texts[index], let words = titleWords(text), words >= 3 else { continue }
                let base = scores[index] ?? ((repeated(text) ? 10 : 0) + min(words, 12) / 2 - 2 * rank)
                scores[index] = base + (anchor.strong ? 4 : 2) - (anchor.line - index) / 2
            }
        }
        let best = scores.max { ($0.value, -$0.key) < ($1.value, -$1.key) }.map { (score: $0.value, line: $0.key) }
        let line = best?.line ?? texts.indices.first { texts[$0].map { (titleWords($0) ?? 0) >= 4 && repeated($0) } ?? false }
        guard let line, let text = texts[line] else { return nil }
        return (withoutSite(text, counts), line)
    }

    /// The separators a site name follows.
    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " • "]

    /// The forms in which a page repeats a headline: the line itself, without a list mark, and
    /// the parts before and after its last separator.
    static func variants(_ text: String) -> [Substring] {
        var found: [Substring] = [text[...]]
        let unlisted = withoutListMark(text)
        if unlisted.count < text.count { found.append(unlisted) }
        if let range = lastSeparator(in: unlisted, among: separators + breadcrumbs) {
            found.append(unlisted[..<range.lowerBound])
            found.append(unlisted[range.upperBound...])
        }
        // `6 thoughts on “Headline”`
        if let open = unlisted.firstIndex(of: "“"), let close = unlisted.lastIndex(of: "”"), open < close {
            found.append(unlisted[unlisted.index(after: open)..<close])
        }
        return found
    }

    /// What stands between a breadcrumb's steps.
    static let breadcrumbs = [" » ", " > ", " / ", " › "]

    private static func lastSeparator(in text: Substring, among separators: [String] = separators) -> Range<Substring.Index>? {
        separators.compactMap { text.range(of: $0, options: .backwards) }.max { $0.lowerBound < $1.lowerBound }
    }

    /// "3. Headline", "* Headline" -> "Headline".
    static func withoutListMark(_ text: String) -> Substring {
        let marks = ["* ", "+ ", "o ", "- ", "• "]
        if let mark = marks.first(where: text.hasPrefix) { return text.dropFirst(mark.count) }
        let digits = text.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count <= 2, text.dropFirst(digits.count).hasPrefix(". ") { return text.dropFirst(digits.count + 2) }
        return text[...]
    }

    /// The words of a line that may be a headline: 2 to 24 words, no list mark, no closing period
    /// or colon, starting with a letter, digit or quote; nil for any other line.
    static func titleWords(_ text: String) -> Int? {
        guard let first = text.first, let last = text.last, first.isLetter || first.isNumber || "\"“‘'".contains(first),
            !".,;:…".contains(last), withoutListMark(text).count == text.count,
            !["tags:", "related:", "filed under", "posted in", "categories:", "introduction:"].contains(where: text.lowercased().hasPrefix)
        else { return nil }
        let words = text.split(separator: " ").count
        guard (2...24).contains(words), text.contains(where: { $0.isLowercase }) || words <= 12 else { return nil }
        return words
    }

    /// "Headline | Site" -> "Headline" when the page shows "Headline" alone or "Site" elsewhere.
    static func withoutSite(_ text: String, _ counts: [Substring: Int]) -> String {
        guard let range = lastSeparator(in: text[...]) else { return text }
        let head = text[..<range.lowerBound], site = text[range.upperBound...]
        guard head.split(separator: " ").count >= 2, site.split(separator: " ").count <= 5 else { return text }
        return counts[head, default: 0] >= 2 || counts[site, default: 0] >= 2 ? String(head) : text
    }
}

import Foundation
