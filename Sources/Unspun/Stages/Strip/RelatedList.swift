/// The items of a "Related stories" list: a rule takes the heading (`related-heading`), and the
/// headline-shaped lines right under it (two to twenty words, no closing period; a bullet is
/// fine) go with it, as `kind: related`, up to the first line of another shape.
extension StripStage {
    static let relatedHeadingRule = "strip:related-heading"
    static let relatedItemRule = "strip:related-list"
    /// Items taken under one heading at most.
    static let relatedItemsLimit = 12

    func removeRelatedItems(_ lines: inout [LineState], _ measures: [LineFeatures.Measure]) {
        for heading in lines.indices where lines[heading].removedBy?.rule == Self.relatedHeadingRule {
            var index = heading + 1
            while index < lines.count, index - heading <= Self.relatedItemsLimit, lines[index].removedBy == nil, lines[index].spans.isEmpty,
                Self.isHeadlineShaped(measures[index])
            {
                lines[index].removedBy = (Self.relatedItemRule, "related")
                index += 1
            }
        }
    }

    private static func isHeadlineShaped(_ m: LineFeatures.Measure) -> Bool {
        (2...20).contains(m.words) && (m.end == 5 || m.end == 6 || m.end == 2) && !m.isSentenceLike && !m.table
    }
}
