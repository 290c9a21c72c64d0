import Foundation

/// Repairs a spun copy from its story's canonical copy: sentences are aligned one to one (ICU
/// sentence breaks, word overlap, names and numbers agreeing) and an aligned spun sentence takes
/// the original's wording, recorded with rule `reference:<canonical id>`. Sentences with no
/// counterpart keep what the rule repair made of them.
public final class ReferenceRepair {
    /// Word overlap (Jaccard) two sentences need to count as one sentence.
    public static let minimumOverlap = 0.4
    /// A copy whose aligned sentences differ in at least this many content words per 1,000
    /// (spelling variants aside) reads as spun even when no spin rule fired.
    public static let spunChangesPerThousandWords = 60.0

    private let breaker: SentenceBreaker

    public init() throws(ICUError) {
        // "ss=standard" keeps ICU from ending a sentence after abbreviations such as "U.S.".
        breaker = try SentenceBreaker(locale: "en@ss=standard")
    }

    struct Sentence {
        var range: Range<Int>
        var text: String
        var words: [String]
        var wordSet: Set<String>
        var anchors: Set<String>
    }

    public struct Alignment {
        var pairs: [(copy: Int, original: Int)]
        var copy: [Sentence]
        var original: [Sentence]
        /// Content words of the copy's aligned sentences with no counterpart, per 1,000 words.
        public var changesPerThousandWords: Double
        public var alignedSentences: Int { pairs.count }
    }

    func sentences(_ text: String) -> [Sentence] {
        let bytes = Array(text.utf8)
        return breaker.sentences(in: text).compactMap { range in
            let trimmed = bytes.withUnsafeBufferPointer { StripStage.trimmed($0, range) }
            guard !trimmed.isEmpty else { return nil }
            let sentence = String(decoding: bytes[trimmed], as: UTF8.self)
            let words = sentence.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
            let anchors = Set(words.enumerated().compactMap { index, word -> String? in
                word.first?.isNumber == true || (index > 0 && word.first?.isUppercase == true) ? word : nil
            })
            return Sentence(range: trimmed, text: sentence, words: words.map { $0.lowercased() }, wordSet: Set(words.map { $0.lowercased() }), anchors: anchors)
        }
    }

    public func align(copy: String, original: String) -> Alignment {
        let copySentences = sentences(copy)
        let originalSentences = sentences(original)
        var scored: [(score: Double, copy: Int, original: Int)] = []
        for (i, a) in copySentences.enumerated() where a.words.count >= 3 {
            for (j, b) in originalSentences.enumerated() {
                let ratio = Double(a.words.count) / Double(max(b.words.count, 1))
                // Names and numbers mostly agree (an editor may write "US" for "United States").
                let sharedAnchors = a.anchors.intersection(b.anchors).count
                guard ratio > 0.6, ratio < 1.6, 2 * sharedAnchors >= min(a.anchors.count, b.anchors.count) else { continue }
                let shared = a.wordSet.intersection(b.wordSet).count
                let score = Double(shared) / Double(a.wordSet.union(b.wordSet).count)
                if score >= Self.minimumOverlap { scored.append((score, i, j)) }
            }
        }
        // Best pairs first, each sentence used once; ties in text order.
        scored.sort { ($0.score, -$0.copy, -$0.original) > ($1.score, -$1.copy, -$1.original) }
        var usedCopy = Set<Int>(), usedOriginal = Set<Int>()
        var pairs: [(copy: Int, original: Int)] = []
        var changed = 0, words = 0
        let stopwords = Set(["the", "a", "an", "of", "to", "in", "on", "and", "that", "is", "was", "it", "for", "by", "with", "as", "at"])
        for candidate in scored where !usedCopy.contains(candidate.copy) && !usedOriginal.contains(candidate.original) {
            usedCopy.insert(candidate.copy)
            usedOriginal.insert(candidate.original)
            pairs.append((candidate.copy, candidate.original))
            let a = copySentences[candidate.copy], b = originalSentences[candidate.original]
            words += a.words.count
            for word in a.words where !b.wordSet.contains(word) && !stopwords.contains(word) && word.first?.isNumber != true {
                // Spelling variants (recognized / recognised) are an editor's, not a spinner's.
                let stem = word.prefix(5)
                if word.count >= 5, b.words.contains(where: { $0.hasPrefix(stem) }) { continue }
                changed += 1
            }
        }
        pairs.sort { $0.copy < $1.copy }
        return Alignment(pairs: pairs, copy: copySentences, original: originalSentences,
            changesPerThousandWords: words == 0 ? 0 : Double(changed) * 1000 / Double(words))
    }

    /// Rewrites the aligned sentences of `document` in the wording of `reference`; returns the
    /// number of sentences changed.
    @discardableResult
    public func repair(_ document: inout Document, from reference: Document, alignment: Alignment? = nil) -> Int {
        let alignment = alignment ?? align(copy: document.text, original: reference.text)
        var edits: [Edit] = []
        for pair in alignment.pairs {
            let copy = alignment.copy[pair.copy], original = alignment.original[pair.original]
            guard copy.text != original.text else { continue }
            edits.append(Edit(stage: "reference", rule: "reference:\(reference.id)", start: copy.range.lowerBound, end: copy.range.upperBound,
                before: copy.text, after: original.text))
        }
        guard !edits.isEmpty else { return 0 }
        document.text = EditLog.apply(edits, to: document.text)
        document.edits.append(contentsOf: edits)
        return edits.count
    }
}
