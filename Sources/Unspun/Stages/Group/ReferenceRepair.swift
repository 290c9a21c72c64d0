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
    public static let spunChangesPerThousandWords = 40.0

    private let breaker: SentenceBreaker

    public init() throws(ICUError) {
        // "ss=standard" keeps ICU from ending a sentence after abbreviations such as "U.S.".
        breaker = try SentenceBreaker(locale: "en@ss=standard")
    }

    public struct Sentence {
        /// Byte range in the text it came from.
        var range: Range<Int>
        var words: [Word]
        /// Sorted, distinct hashes of the lowercased words, and of the names and numbers.
        var keys: [UInt64]
        var anchors: [UInt64]
        /// Sorted, distinct hashes of the words that are not function words.
        var contentKeys: [UInt64]
    }

    struct Word {
        var hash: UInt64
        /// Hash of the first five letters, to tell spelling variants (recognized / recognised).
        var stem: UInt64
        var length: Int
        var kind: Skeleton.Kind
    }

    /// An original's sentences, indexed by their content words, names and numbers.
    public struct Reference {
        var text: [UInt8]
        var sentences: [Sentence]
        var index: [UInt64: [Int32]]

        init(text: [UInt8], sentences: [Sentence]) {
            self.text = text
            self.sentences = sentences
            var index: [UInt64: [Int32]] = [:]
            for (position, sentence) in sentences.enumerated() {
                for hash in sentence.contentKeys { index[hash, default: []].append(Int32(position)) }
            }
            self.index = index
        }

        /// Sentences sharing at least two content words (one, for a short sentence) with `sentence`.
        func candidates(for sentence: Sentence, counts: inout [Int]) -> [Int] {
            var touched: [Int] = []
            for hash in sentence.contentKeys {
                for position in index[hash] ?? [] {
                    if counts[Int(position)] == 0 { touched.append(Int(position)) }
                    counts[Int(position)] += 1
                }
            }
            let needed = sentence.words.count < 8 ? 1 : 2
            var found: [Int] = []
            for position in touched {
                if counts[position] >= needed { found.append(position) }
                counts[position] = 0
            }
            return found.sorted()
        }
    }

    public func reference(_ text: String) -> Reference {
        let bytes = Array(text.utf8)
        return Reference(text: bytes, sentences: sentences(bytes))
    }

    /// How many values two sorted, distinct arrays share.
    static func sharedCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
    }

    /// Whether sorted `values` hold `value` (binary search).
    static func sortedContains(_ values: [UInt64], _ value: UInt64) -> Bool {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < values.count && values[low] == value
    }

    /// Sorts `values` and drops repeats, in place.
    private static func makeSortedDistinct(_ values: inout [UInt64]) {
        values.sort()
        var write = 0
        for read in values.indices where read == 0 || values[read] != values[write - 1] {
            values[write] = values[read]
            write += 1
        }
        values.removeSubrange(write...)
    }

    public struct Alignment {
        var pairs: [(copy: Int, original: Int)]
        var copy: [Sentence]
        var original: [Sentence]
        var copyText: [UInt8]
        var originalText: [UInt8]
        /// Content words of the copy's aligned sentences with no counterpart, per 1,000 words.
        public var changesPerThousandWords: Double
    }

    /// A text's sentences with their words, to align them.
    func sentences(_ bytes: [UInt8]) -> [Sentence] {
        // Each sentence's words are gathered in scratch arrays reused across sentences and then
        // copied once at their final size: growing four arrays per sentence cost more in
        // allocation than the words themselves.
        var words: [Word] = [], keys: [UInt64] = [], anchors: [UInt64] = [], contentKeys: [UInt64] = []
        return bytes.withUnsafeBufferPointer { buffer in
            breaker.sentences(in: buffer).compactMap { range in
                let trimmed = StripStage.trimmed(buffer, range)
                guard !trimmed.isEmpty else { return nil }
                words.removeAll(keepingCapacity: true)
                keys.removeAll(keepingCapacity: true)
                anchors.removeAll(keepingCapacity: true)
                contentKeys.removeAll(keepingCapacity: true)
                Skeleton.forEachWord(in: UnsafeBufferPointer(rebasing: buffer[trimmed])) { hash, kind, wordRange in
                    var stem = LetterRuns.basis
                    for index in trimmed.lowerBound + wordRange.lowerBound..<trimmed.lowerBound + min(wordRange.upperBound, wordRange.lowerBound + 5) {
                        stem = (stem ^ UInt64(buffer[index] | 0x20)) &* LetterRuns.prime
                    }
                    words.append(Word(hash: hash, stem: stem, length: wordRange.count, kind: kind))
                    keys.append(hash)
                    if kind == .name || kind == .number { anchors.append(hash) }
                    if kind != .function { contentKeys.append(hash) }
                }
                Self.makeSortedDistinct(&keys)
                Self.makeSortedDistinct(&anchors)
                Self.makeSortedDistinct(&contentKeys)
                return Sentence(range: trimmed, words: Array(words[...]), keys: Array(keys[...]), anchors: Array(anchors[...]), contentKeys: Array(contentKeys[...]))
            }
        }
    }

    public func align(copy: String, original: Reference) -> Alignment {
        let copyText = Array(copy.utf8)
        let copySentences = sentences(copyText)
        let originalSentences = original.sentences
        var scored: [(score: Double, copy: Int, original: Int)] = []
        var counts = [Int](repeating: 0, count: originalSentences.count)
        for (i, a) in copySentences.enumerated() where a.words.count >= 3 {
            for j in original.candidates(for: a, counts: &counts) {
                let b = originalSentences[j]
                let ratio = Double(a.words.count) / Double(max(b.words.count, 1))
                // Names and numbers mostly agree (an editor may write "US" for "United States").
                guard ratio > 0.6, ratio < 1.6, 2 * Self.sharedCount(a.anchors, b.anchors) >= min(a.anchors.count, b.anchors.count) else { continue }
                let shared = Self.sharedCount(a.keys, b.keys)
                let score = Double(shared) / Double(a.keys.count + b.keys.count - shared)
                if score >= Self.minimumOverlap { scored.append((score, i, j)) }
            }
        }
        // Best pairs first, each sentence used once; ties in text order.
        scored.sort { ($0.score, -$0.copy, -$0.original) > ($1.score, -$1.copy, -$1.original) }
        var usedCopy = Set<Int>(), usedOriginal = Set<Int>()
        var pairs: [(copy: Int, original: Int)] = []
        var changed = 0, words = 0
        for candidate in scored where !usedCopy.contains(candidate.copy) && !usedOriginal.contains(candidate.original) {
            usedCopy.insert(candidate.copy)
            usedOriginal.insert(candidate.original)
            pairs.append((candidate.copy, candidate.original))
            let a = copySentences[candidate.copy], b = originalSentences[candidate.original]
            words += a.words.count
            for word in a.words where word.kind == .content && !Self.sortedContains(b.keys, word.hash) {
                // Spelling variants (recognized / recognised) are an editor's, not a spinner's.
                if word.length >= 5, b.words.contains(where: { $0.stem == word.stem }) { continue }
                changed += 1
            }
        }
        pairs.sort { $0.copy < $1.copy }
        return Alignment(pairs: pairs, copy: copySentences, original: originalSentences, copyText: copyText, originalText: original.text,
            changesPerThousandWords: words == 0 ? 0 : Double(changed) * 1000 / Double(words))
    }

    /// Rewrites the aligned sentences of `document` in the wording of `reference`; returns the
    /// number of sentences changed.
    @discardableResult
    public func repair(_ document: inout Document, from reference: Document, alignment: Alignment? = nil) -> Int {
        let alignment = alignment ?? align(copy: document.text, original: self.reference(reference.text))
        var edits: [Edit] = []
        for pair in alignment.pairs {
            let copy = alignment.copyText[alignment.copy[pair.copy].range]
            let original = alignment.originalText[alignment.original[pair.original].range]
            guard !copy.elementsEqual(original) else { continue }
            let range = alignment.copy[pair.copy].range
            edits.append(Edit(stage: "reference", rule: "reference:\(reference.id)", start: range.lowerBound, end: range.upperBound,
                before: String(decoding: copy, as: UTF8.self), after: String(decoding: original, as: UTF8.self)))
        }
        guard !edits.isEmpty else { return 0 }
        document.text = EditLog.apply(edits, to: document.text)
        document.edits.append(contentsOf: edits)
        return edits.count
    }
}
