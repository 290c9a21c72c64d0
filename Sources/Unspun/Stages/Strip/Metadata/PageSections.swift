/// Where a page's parts other than the article stand: its comments, its related posts, and
/// the "By" items of its menus. Their dates and bylines are not the article's.
enum PageSections {
    /// The line at which the comments start (looked for from the top) or the related posts
    /// start (looked for after the article's first prose, `after`), or the line count.
    static func othersStart(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], after prose: Int) -> Int {
        min(commentsStart(bytes, ranges), relatedStart(bytes, ranges, after: prose))
    }

    /// The headings of a list of other posts, lower-case, without closing punctuation.
    static let relatedHeadings: Set<String> = [
        "related articles", "related posts", "related content", "related stories", "related reads", "related reading",
        "related blog posts", "related news", "you might also like", "you may also like", "recommended for you", "more stories",
        "more articles", "read next", "reading next", "up next", "keep reading", "latest articles", "recent articles",
        "popular articles", "popular posts", "recent posts", "more posts", "you might also be interested in",
    ]

    /// The first related-posts heading after the first prose ("Related Posts", "You might also
    /// like…", "Read next"), or the line count.
    static func relatedStart(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], after prose: Int) -> Int {
        ranges.indices.dropFirst(prose + 1).first { index in
            var range = ranges[index]
            guard (8...40).contains(range.count), headingInitials.contains(bytes[range.lowerBound] | 0x20) else { return false }
            // Closing punctuation off ("Related Posts:", "You might also like…"), compared on
            // the bytes' hash lower-cased (ASCII letters only: the headings are ASCII).
            while !range.isEmpty {
                let end = range.upperBound
                if closing.contains(bytes[end - 1]) {
                    range.removeLast()
                } else if range.count >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80, bytes[end - 1] == 0xA6 {
                    range.removeLast(3)
                } else if range.count >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xBB {
                    range.removeLast(2)
                } else {
                    break
                }
            }
            return headingHashes.contains(Headline.hash(bytes[range].lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }))
        } ?? ranges.count
    }

    private static let closing: Set<UInt8> = [0x3A, 0x2E, 0x21, 0x20]
    private static let headingInitials = Set(relatedHeadings.map { $0.utf8.first! })
    private static let headingHashes = Set(relatedHeadings.map { Headline.hash(Array($0.utf8)) })

    /// Whether a line is one of a menu's "By" items ("+ By Wine Region" between "+ By Type" and
    /// "+ By Grape"): a list mark, and the same mark and "By " on a line beside it.
    static func inMenu(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], _ index: Int) -> Bool {
        func head(_ line: Int) -> [UInt8]? {
            guard ranges.indices.contains(line), ranges[line].count > 5 else { return nil }
            let start = ranges[line].lowerBound
            guard bytes[start + 1] == 0x20, [0x2A, 0x2B, 0x2D].contains(bytes[start]) else { return nil }
            return [bytes[start], bytes[start + 2] | 0x20, bytes[start + 3] | 0x20, bytes[start + 4]]
        }
        guard let own = head(index), own.dropFirst() == [0x62, 0x79, 0x20] else { return false }
        return head(index - 1) == own || head(index + 1) == own
    }

    /// Whether a page lists a shop's facets: "By" and one word on lines of three or more words
    /// ("By Type", "+ By Grape", "By Occasion"), which no byline is. A short "By Wine Region" on
    /// such a page is one too.
    static func listsFacets(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Bool {
        var words = Set<[UInt8]>()
        for range in ranges {
            guard let facet = afterBy(bytes, range), !facet.contains(0x20) else { continue }
            words.insert(facet.map { $0 | 0x20 })
            if words.count >= 3 { return true }
        }
        return false
    }

    /// What follows "By " (not "By:") on a short line, maybe after a list mark ("+ By Grape").
    static func afterBy(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard (5...28).contains(range.count) else { return nil }
        let whole = UnsafeBufferPointer(rebasing: bytes[range])
        let line = whole[Headline.listMarkLength(whole)...]
        guard line.count > 3, line[line.startIndex] | 0x20 == 0x62, line[line.startIndex + 1] | 0x20 == 0x79, line[line.startIndex + 2] == 0x20 else { return nil }
        return line.dropFirst(3)
    }

    /// The line at which a page's comments start ("2 responses to “X”", "14 thoughts on “X”",
    /// "Leave a Reply"), or the line count: their timestamps are no publication date.
    static func commentsStart(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Int {
        let heads = ["response", "thought", "comment", "repl"].map { Array($0.utf8) }
        let reply = Array("leave a reply".utf8)
        return ranges.indices.first { index in
            let line = UnsafeBufferPointer(rebasing: bytes[ranges[index]])
            guard line.count <= 200, let first = line.first else { return false }
            if line.count == reply.count { return zip(line, reply).allSatisfy { $0 | 0x20 == $1 } }
            guard DateParser.isDigit(first), let space = line.firstIndex(of: 0x20), space <= 4 else { return false }
            let word = line[(space + 1)...]
            guard line[..<space].allSatisfy(DateParser.isDigit), heads.contains(where: { word.lazy.map { $0 | 0x20 }.starts(with: $0) }) else { return false }
            let text = String(decoding: line, as: UTF8.self)
            return text.contains(" to ") || text.contains(" on ")
        } ?? ranges.count
    }
}
