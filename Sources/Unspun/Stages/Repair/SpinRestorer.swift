import Foundation

/// Undoes thesaurus swaps with no rule and no original: where a word or phrase of the text is
/// listed in the inverse thesaurus, each wording it could have replaced is scored by the news
/// language model over the span and the two tokens after it, against what stands there, plus
/// the log chance that a spinner replacing that wording picked this one (the channel). A swap
/// is undone only when the candidate wins by `margin` (natural log), leads every other candidate
/// by `lead`, and the whole document reads as spun: at least `minimumSpans` spans won by
/// `detectionMargin`, and `minimumPerThousand` of them per 1,000 words (spinner output is odd
/// word after word; a clean text has a rare odd span). Every `checkEvery` words, a document
/// with fewer than `checkPerThousand` odd spans per 1,000 words so far is given up on: most of
/// a dump is clean, and this spares a clean text most of the scoring. In a lightly restored
/// document each restoration needs a wider margin (`sparsePenalty`). Defaults tuned on
/// the even-id half of the WCXB gold texts spun by WordNet and mythes, with the model from the
/// odd half (see the README).
public final class SpinRestorer: Sendable {
    public struct Settings: Sendable {
        public var margin = 8.5
        public var detectionMargin = 5.5
        public var minimumSpans = 3
        public var minimumPerThousand = 20.0
        /// How often (in words) the odd spans so far are counted, to give up on a document
        /// that does not read as spun: spinners spin all through, so a spun text is dense in
        /// odd spans from its start. `Int.max`: read every document to its end.
        public var checkEvery = 200
        /// The odd spans per 1,000 words so far a document needs at each check to be read on:
        /// half the density that judges it spun, so that few spun texts are given up on.
        public var checkPerThousand = 10.0
        /// How far the best candidate must lead the next best: a near tie is a guess.
        public var lead = 5.0
        /// A document with fewer restorations per 1,000 words than this reads as lightly spun,
        /// where a stray edit weighs more against the few true ones: each restoration must then
        /// win by `margin + sparsePenalty * ln(denseRestorations / restorations per 1,000)`.
        public var denseRestorations = 30.0
        /// How much wider that margin grows per unit of the log; 0: one margin for every document.
        public var sparsePenalty = 5.0
        /// The weight of the thesaurus's channel term (`Thesaurus.Candidates.channel`, the log
        /// chance of the swap) beside the model's gain; 0 scores by the model alone.
        public var channelWeight = 1.0
        public init() {}
    }

    /// A span the model would restore, and by how much the candidate beat the text.
    struct Restoration {
        var range: Range<Int>
        var replacement: String
        var source: String
        var score: Double
    }

    let model: LanguageModel
    let thesaurus: Thesaurus
    public let settings: Settings

    public init(model: LanguageModel, thesaurus: Thesaurus, settings: Settings = Settings()) {
        self.model = model
        self.thesaurus = thesaurus
        self.settings = settings
    }

    /// Restorations outside `blocked` (the phrase rules' spans, sorted), and the odd spans per
    /// 1,000 words; the restorations are empty unless the document reads as spun.
    func restorations(in bytes: UnsafeBufferPointer<UInt8>, avoiding blocked: [Range<Int>]) -> (restorations: [Restoration], perThousand: Double) {
        let tokens = LMTokenizer.tokens(in: bytes)
        let hashes = tokens.map(\.hash)
        var own = OwnScores()
        var nextCheck = settings.checkEvery
        var context = Context()
        var found: [Restoration] = []
        var words = 0
        var spans = 0
        var index = 0
        var blockedIndex = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.isWord else {
                context.append(hashes[index])
                index += 1
                continue
            }
            words += 1
            if words >= nextCheck {
                guard Double(spans) * 1000 >= settings.checkPerThousand * Double(words) else { return ([], Double(spans) * 1000 / Double(words)) }
                nextCheck = words + settings.checkEvery
            }
            let scoredUntil = min(tokens.count, index + thesaurus.longestKey + 2)
            if own.scores.count < scoredUntil { own.extend(to: min(tokens.count, scoredUntil + 64), hashes: hashes, model: model) }
            while blockedIndex < blocked.count, blocked[blockedIndex].upperBound <= Int(token.start) { blockedIndex += 1 }
            let free = blockedIndex == blocked.count ? Int.max : blocked[blockedIndex].lowerBound
            let span = Span(tokens: tokens, hashes: hashes, own: own, context: context, index: index, freeUntil: free)
            if let best = bestCandidate(span, bytes: bytes), best.score >= settings.detectionMargin {
                spans += 1
                if best.score >= settings.margin {
                    let range = Int(token.start)..<Int(tokens[best.end - 1].end)
                    let candidates = thesaurus.candidates
                    found.append(Restoration(range: range, replacement: candidates.texts[best.candidate], source: candidates.sources[best.candidate], score: best.score))
                    for hash in candidateHashes(best.candidate) { context.append(hash) }
                    context.alteredUntil = best.end + 2
                } else {
                    for hash in hashes[index..<best.end] { context.append(hash) }
                }
                words += best.end - index - 1
                index = best.end
            } else {
                context.append(hashes[index])
                index += 1
            }
        }
        let perThousand = words == 0 ? 0 : Double(spans) * 1000 / Double(words)
        let spun = spans >= settings.minimumSpans && perThousand >= settings.minimumPerThousand
        return (spun ? sparseFiltered(found, words: words) : [], perThousand)
    }

    /// The restorations that win by the margin a document this lightly restored asks for. Those
    /// kept were scored after the ones dropped here as restored (the left context): an
    /// approximation, since the density is known only at the end of the scan.
    private func sparseFiltered(_ found: [Restoration], words: Int) -> [Restoration] {
        let density = Double(found.count) * 1000 / Double(max(words, 1))
        guard density > 0, density < settings.denseRestorations else { return found }
        let required = settings.margin + settings.sparsePenalty * log(settings.denseRestorations / density)
        return found.filter { $0.score >= required }
    }

    /// The two tokens before the current one as restored so far, and up to which token index
    /// they differ from the text's own (after a restoration).
    struct Context {
        var model = LMContext()
        var alteredUntil = 0

        mutating func append(_ hash: UInt64) { model.append(hash) }
    }

    /// The text's own score of each token after the two before it, and the count of those two
    /// as `LanguageModel.score` found it (see `LMContext.count`), scored as far as the scan has
    /// read: a text given up on early is not scored to its end.
    struct OwnScores {
        var scores: [Double] = []
        var contextCounts: [Double] = []
        private var context = LMContext()

        mutating func extend(to end: Int, hashes: [UInt64], model: LanguageModel) {
            while scores.count < end {
                contextCounts.append(context.count)
                scores.append(model.score(hashes[scores.count], &context))
            }
        }
    }

    /// Where a swap may start: the text around it, and how far a phrase may reach.
    struct Span {
        let tokens: [LMToken]
        let hashes: [UInt64]
        let own: OwnScores
        let context: Context
        let index: Int
        let freeUntil: Int
    }

    /// The candidate that beats the text at the span's start by the most, over every listed
    /// phrase that starts there and ends before `freeUntil`, if it leads the next best by `lead`.
    /// Model scores are at most 0, so a wording that scores above -detectionMargin (less the
    /// largest channel term, which is above 0 for a swap several thesauri list) cannot be beaten
    /// by enough to count, and a candidate is dropped as soon as its running score falls too low:
    /// below the runner-up, the leader less `lead`, or `detectionMargin - lead` (a candidate that
    /// gains less can neither count as odd nor spoil the lead of one that does).
    private func bestCandidate(_ span: Span, bytes: UnsafeBufferPointer<UInt8>) -> (candidate: Int, end: Int, score: Double)? {
        let index = span.index
        let tokens = span.tokens
        guard isSwappable(tokens, at: index, bytes: bytes) else { return nil }
        var best: (candidate: Int, end: Int, score: Double)?
        var runnerUp = 0.0
        var key: UInt64 = 0
        let altered = span.context.alteredUntil > index
        var context = span.context.model
        if !altered { context.count = span.own.contextCounts[index] }
        let channels = thesaurus.candidates.channel
        let headroom = max(0, settings.channelWeight * thesaurus.largestChannel)
        for end in index + 1...min(tokens.count, index + thesaurus.longestKey) {
            guard Int(tokens[end - 1].end) <= span.freeUntil else { break }
            key = end == index + 1 ? span.hashes[index] : LMHash.extend(key, span.hashes[end - 1])
            let entry = thesaurus.entry(key)
            guard case .candidates(let candidates) = entry else {
                if case .none = entry { break }
                continue
            }
            let after = end..<min(tokens.count, end + 2)
            let current =
                altered
                ? score(context, span.hashes[index..<end], span.hashes[after], floor: -.infinity) ?? 0
                : span.own.scores[index..<after.upperBound].reduce(0, +)
            guard current < headroom - settings.detectionMargin else { continue }
            for candidate in candidates {
                let channel = settings.channelWeight * channels[candidate]
                let floor = current - channel + max(runnerUp, (best?.score ?? 0) - settings.lead, settings.detectionMargin - settings.lead)
                guard let total = score(context, candidateHashes(candidate), span.hashes[after], floor: floor) else { continue }
                let gain = total + channel - current
                if gain > best?.score ?? -Double.infinity {
                    runnerUp = max(runnerUp, best?.score ?? 0)
                    best = (candidate, end, gain)
                } else {
                    runnerUp = max(runnerUp, gain)
                }
            }
        }
        guard let best, best.score - runnerUp >= settings.lead else { return nil }
        return best
    }

    /// The token hashes of candidate number `candidate`.
    @inline(__always)
    private func candidateHashes(_ candidate: Int) -> ArraySlice<UInt64> {
        let candidates = thesaurus.candidates
        return candidates.hashes[Int(candidates.hashStarts[candidate])..<Int(candidates.hashStarts[candidate + 1])]
    }

    /// Names and all-capital words are left alone: a capital inside a sentence marks a name.
    private func isSwappable(_ tokens: [LMToken], at index: Int, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = bytes[Int(tokens[index].start)]
        guard first >= 0x41, first <= 0x5A else { return first >= 0x61 && first <= 0x7A }
        guard index == 0 || [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), 10, UInt8(ascii: "\""), UInt8(ascii: ":"), 0xE2].contains(bytes[Int(tokens[index - 1].start)]) else {
            return false
        }
        let second = Int(tokens[index].start) + 1
        return second < Int(tokens[index].end) && bytes[second] >= 0x61 && bytes[second] <= 0x7A
    }

    /// The model's log score of `middle` then `after` following `context`, or nil once the
    /// running total falls below `floor` (scores only fall as tokens are added).
    @inline(__always)
    private func score(_ context: LMContext, _ middle: ArraySlice<UInt64>, _ after: ArraySlice<UInt64>, floor: Double) -> Double? {
        var context = context
        var total = 0.0
        for token in middle {
            total += model.score(token, &context)
            if total < floor { return nil }
        }
        for token in after {
            total += model.score(token, &context)
            if total < floor { return nil }
        }
        return total
    }
}

extension SpinRestorer {
    /// The edit's rule: `lm:` the candidate's thesauri, `@` the model's margin (natural log).
    static func ruleName(_ restoration: Restoration) -> String {
        "lm:\(restoration.source)@\(Double((restoration.score * 10).rounded()) / 10)"
    }
}
