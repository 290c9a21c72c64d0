/// "When unsure, keep", enforced: strip never empties a text that has sentence-like lines, nor
/// leaves it without any. A round that would keep no sentence-like line keeps the ones the
/// classifier took (a live blog's two sentences between its timestamps) and says so in
/// `metadata.notes`. What a rule
/// took stays taken: each rule is sure, and carries the examples that say so.
extension StripStage {
    static let classifierRule = "strip:classifier"
    static let keptSentencesNote = "strip would have removed every sentence-like line; those the classifier took were kept"

    func keepSentencesOfEmptiedText(_ lines: inout [LineState], _ measures: [LineFeatures.Measure], _ fields: inout StripFields) {
        guard !lines.indices.contains(where: { lines[$0].removedBy == nil && measures[$0].isSentenceLike }) else { return }
        for index in lines.indices where measures[index].isSentenceLike && lines[index].removedBy?.rule == Self.classifierRule {
            lines[index].removedBy = nil
            fields.keptSentences = true
        }
    }
}
