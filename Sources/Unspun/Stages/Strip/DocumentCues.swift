import Foundation

/// What tells a whole page from an extractor's output, for `LineModel`'s detector. A page wraps
/// its article in furniture: many short lines (menus), most of them before the first prose line
/// and after the last (header, related links, footer), and its first and last lines short. An
/// extract starts and ends near its prose, so where the prose stands tells the two apart where the
/// shares over the whole text do not (a long article inside a thin page).
extension LineFeatures {
    static let documentNames = [
        "bias", "short_share", "prose_words", "sentence_share", "log_lines", "lines_before_prose", "lines_after_prose", "log_short",
        "short_first", "short_last",
    ]

    /// Lines at either end whose shortness `short_first` and `short_last` measure.
    static let documentEdge = 10

    static func documentCues(_ lines: [Measure]) -> [Double] {
        let count = Double(max(lines.count, 1))
        let words = Double(max(lines.reduce(0) { $0 + $1.words }, 1))
        let short = lines.filter { $0.words <= 3 }.count
        let firstProse = lines.firstIndex(where: \.isProse) ?? lines.count
        let lastProse = lines.lastIndex(where: \.isProse).map { lines.count - 1 - $0 } ?? lines.count
        func shortShare(_ edge: ArraySlice<Measure>) -> Double {
            edge.isEmpty ? 0 : Double(edge.filter { $0.words <= 3 }.count) / Double(edge.count)
        }
        return [
            1, Double(short) / count,
            Double(lines.reduce(0) { $0 + ($1.isProse ? $1.words : 0) }) / words,
            Double(lines.filter(\.isSentenceLike).count) / count, log(count + 1) / 6,
            log(Double(firstProse) + 1), log(Double(lastProse) + 1), log(Double(short) + 1),
            shortShare(lines.prefix(documentEdge)), shortShare(lines.suffix(documentEdge)),
        ]
    }
}
