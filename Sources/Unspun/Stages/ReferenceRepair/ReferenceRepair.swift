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

    public struct Sentence: Equatable {
        /// Byte range in the text it came from.
        var range: Range<Int>
        var words: [Word]
        /// Sorted, distinct hashes of the lowercased words, and of the names and numbers.
        var keys: [UInt64]
        var anchors: [UInt64]
        /// Sorted, distinct hashes of the words that are not function words.
        var contentKeys: [UInt64]
    }

    struct Word: Equatable {
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
        /// Each (content word hash, sentence) pair, sorted: flat arrays searched by halving
        /// instead of a dictionary holding an array per word.
        private var postingHashes: [UInt64] = []
        private var postingSentences: [Int32] = []
        /// Each line (by `WordScan.hash`) and the sentences that lie in it: a copy's line equal to
        /// one of these has the same sentences (ICU never continues a sentence past a newline,
        /// and a sentence's words depend on its bytes alone), so it takes them as they are.
        private var lines: [UInt64: (line: Range<Int>, sentences: Range<Int>)] = [:]

        init(text: [UInt8], sentences: [Sentence]) {
            self.text = text
            self.sentences = sentences
            text.withUnsafeBufferPointer { buffer in
                var next = 0
                WordScan.forEachLine(buffer) { line in
                    let first = next
                    while next < sentences.count, sentences[next].range.upperBound <= line.upperBound { next += 1 }
                    guard first < next, sentences[first].range.lowerBound >= line.lowerBound,
                        next == sentences.count || sentences[next].range.lowerBound >= line.upperBound
                    else { return }
                    lines[WordScan.hash(UnsafeBufferPointer(rebasing: buffer[line]))] = (line, first..<next)
                }
            }
            var postings: [(hash: UInt64, sentence: Int32)] = []
            postings.reserveCapacity(sentences.reduce(0) { $0 + $1.contentKeys.count })
            for (position, sentence) in sentences.enumerated() {
                for hash in sentence.contentKeys { postings.append((hash, Int32(position))) }
            }
            postings.sort { ($0.hash, $0.sentence) < ($1.hash, $1.sentence) }
            postingHashes = postings.map(\.hash)
            postingSentences = postings.map(\.sentence)
        }

        /// Sentences sharing at least two content words (one, for a short sentence) with `sentence`.
        func candidates(for sentence: Sentence, counts: inout [Int]) -> [Int] {
            var touched: [Int] = []
            for hash in sentence.contentKeys {
                var posting = ReferenceRepair.lowerBound(postingHashes, hash)
                while posting < postingHashes.count, postingHashes[posting] == hash {
                    let position = Int(postingSentences[posting])
                    if counts[position] == 0 { touched.append(position) }
                    counts[position] += 1
                    posting += 1
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

        /// The sentences of `line` (in `bytes`) when the original has the same line, moved to
        /// where the line stands.
        func sentences(ofLine line: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> ArraySlice<Sentence>? {
            guard let known = lines[WordScan.hash(UnsafeBufferPointer(rebasing: bytes[line]))],
                text[known.line].elementsEqual(bytes[line])
            else { return nil }
            let shift = line.lowerBound - known.line.lowerBound
            var moved = sentences[known.sentences]
            for index in moved.indices { moved[index].range = moved[index].range.lowerBound + shift..<moved[index].range.upperBound + shift }
            return moved
        }
    }

    public func reference(_ text: String) -> Reference {
        let bytes = Array(text.utf8)
        return Reference(text: bytes, sentences: sentences(bytes))
    }

    /// How many values two sorted, distinct arrays share.
    static func sharedCount<Value: Comparable>(_ a: [Value], _ b: [Value]) -> Int {
        var i = 0
        var j = 0
        var shared = 0
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

    /// The first position in sorted `values` whose value is not below `value` (binary search).
    static func lowerBound(_ values: [UInt64], _ value: UInt64) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether sorted `values` hold `value`.
    static func sortedContains(_ values: [UInt64], _ value: UInt64) -> Bool {
        let position = lowerBound(values, value)
        return position < values.count && values[position] == value
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

    /// A text's sentences with their words, to align them. With `reference`, a line that the
    /// reference has too takes the reference's sentences, and only the other lines are broken
    /// into sentences (one at a time: the breaks of a line do not depend on the lines around it).
    func sentences(_ bytes: [UInt8], reusing reference: Reference? = nil) -> [Sentence] {
        var result: [Sentence] = []
        var scratch = Scratch()
        bytes.withUnsafeBufferPointer { buffer in
            guard let reference else {
                appendSentences(of: 0..<buffer.count, in: buffer, to: &result, scratch: &scratch)
                return
            }
            WordScan.forEachLine(buffer) { line in
                if let known = reference.sentences(ofLine: line, in: buffer) {
                    result.append(contentsOf: known)
                } else {
                    appendSentences(of: line, in: buffer, to: &result, scratch: &scratch)
                }
            }
        }
        return result
    }

    /// Arrays reused from sentence to sentence: each sentence's words are gathered here and then
    /// copied once at their final size (growing four arrays per sentence cost more in allocation
    /// than the words themselves).
    private struct Scratch {
        var words: [Word] = [], keys: [UInt64] = [], anchors: [UInt64] = [], contentKeys: [UInt64] = []
    }

    /// Breaks `range` of `buffer` into sentences (ICU) and appends them with their words.
    private func appendSentences(of range: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>, to result: inout [Sentence], scratch: inout Scratch) {
        for piece in breaker.sentences(in: UnsafeBufferPointer(rebasing: buffer[range])) {
            let trimmed = StripStage.trimmed(buffer, piece.lowerBound + range.lowerBound..<piece.upperBound + range.lowerBound)
            guard !trimmed.isEmpty else { continue }
            scratch.words.removeAll(keepingCapacity: true)
            scratch.keys.removeAll(keepingCapacity: true)
            scratch.anchors.removeAll(keepingCapacity: true)
            scratch.contentKeys.removeAll(keepingCapacity: true)
            Skeleton.forEachWord(in: UnsafeBufferPointer(rebasing: buffer[trimmed])) { hash, kind, wordRange in
                var stem = FNV1a.basis
                for index in trimmed.lowerBound + wordRange.lowerBound..<trimmed.lowerBound + min(wordRange.upperBound, wordRange.lowerBound + 5) {
                    stem = (stem ^ UInt64(buffer[index] | 0x20)) &* FNV1a.prime
                }
                scratch.words.append(Word(hash: hash, stem: stem, length: wordRange.count, kind: kind))
                scratch.keys.append(hash)
                if kind == .name || kind == .number { scratch.anchors.append(hash) }
                if kind != .function { scratch.contentKeys.append(hash) }
            }
            scratch.keys.sortDroppingRepeats()
            scratch.anchors.sortDroppingRepeats()
            scratch.contentKeys.sortDroppingRepeats()
            result.append(
                Sentence(
                    range: trimmed, words: Array(scratch.words[...]), keys: Array(scratch.keys[...]),
                    anchors: Array(scratch.anchors[...]), contentKeys: Array(scratch.contentKeys[...])))
        }
    }

    public func align(copy: String, original: Reference) -> Alignment {
        let copyText = Array(copy.utf8)
        let copySentences = sentences(copyText, reusing: original)
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
        var usedCopy = [Bool](repeating: false, count: copySentences.count)
        var usedOriginal = [Bool](repeating: false, count: originalSentences.count)
        var pairs: [(copy: Int, original: Int)] = []
        var changed = 0
        var words = 0
        for candidate in scored where !usedCopy[candidate.copy] && !usedOriginal[candidate.original] {
            usedCopy[candidate.copy] = true
            usedOriginal[candidate.original] = true
            pairs.append((candidate.copy, candidate.original))
            let a = copySentences[candidate.copy]
            let b = originalSentences[candidate.original]
            words += a.words.count
            for word in a.words where word.kind == .content && !Self.sortedContains(b.keys, word.hash) {
                // Spelling variants (recognized / recognised) are an editor's, not a spinner's.
                if word.length >= 5, b.words.contains(where: { $0.stem == word.stem }) { continue }
                changed += 1
            }
        }
        pairs.sort { $0.copy < $1.copy }
        return Alignment(
            pairs: pairs, copy: copySentences, original: originalSentences, copyText: copyText, originalText: original.text,
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
            edits.append(
                Edit(
                    stage: "reference", rule: "reference:\(reference.id)", start: range.lowerBound, end: range.upperBound,
                    before: String(decoding: copy, as: UTF8.self), after: String(decoding: original, as: UTF8.self)))
        }
        guard !edits.isEmpty else { return 0 }
        document.text = EditLog.apply(edits, to: document.text)
        document.edits.append(contentsOf: edits)
        return edits.count
    }
}
