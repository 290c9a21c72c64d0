/// Undoes thesaurus swaps with no rule and no original: where a word or phrase of the text is
/// listed in the inverse thesaurus, each wording it could have replaced is scored by the news
/// language model over the span and the two tokens after it, against what stands there. A swap
/// is undone only when the candidate wins by `margin` (natural log), leads every other candidate
/// by `lead`, and the whole document reads as spun: at least `minimumSpans` spans won by
/// `detectionMargin`, and `minimumPerThousand` of them per 1,000 words (spinner output is odd
/// word after word; a clean text has a rare odd span). Defaults tuned on the even-id half of
/// the WCXB gold texts spun by WordNet, with the model from the odd half (see the README).
public final class SpinRestorer: Sendable {
    public struct Settings: Sendable {
        public var margin = 11.0
        public var detectionMargin = 8.0
        public var minimumSpans = 3
        public var minimumPerThousand = 20.0
        /// How far the best candidate must lead the next best: a near tie is a guess.
        public var lead = 5.0
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
        var context = [LMTokenizer.breakHash, LMTokenizer.breakHash]
        var found: [Restoration] = []
        var words = 0
        var spans = 0
        var index = 0
        var blockedIndex = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.isWord else {
                context.append(token.hash)
                index += 1
                continue
            }
            words += 1
            while blockedIndex < blocked.count, blocked[blockedIndex].upperBound <= Int(token.start) { blockedIndex += 1 }
            let free = blockedIndex == blocked.count ? Int.max : blocked[blockedIndex].lowerBound
            if let best = bestCandidate(tokens, at: index, before: context.suffix(2), freeUntil: free, bytes: bytes), best.score >= settings.detectionMargin {
                spans += 1
                if best.score >= settings.margin {
                    let range = Int(token.start)..<Int(tokens[best.end - 1].end)
                    found.append(Restoration(range: range, replacement: best.candidate.text, source: best.candidate.source, score: best.score))
                    context.append(contentsOf: best.candidate.hashes)
                } else {
                    context.append(contentsOf: tokens[index..<best.end].map(\.hash))
                }
                words += best.end - index - 1
                index = best.end
            } else {
                context.append(token.hash)
                index += 1
            }
        }
        let perThousand = words == 0 ? 0 : Double(spans) * 1000 / Double(words)
        let spun = spans >= settings.minimumSpans && perThousand >= settings.minimumPerThousand
        return (spun ? found : [], perThousand)
    }

    /// The candidate that beats the text at `index` by the most, over every listed phrase that
    /// starts there and ends before `freeUntil`.
    private func bestCandidate(_ tokens: [LMToken], at index: Int, before: ArraySlice<UInt64>, freeUntil: Int, bytes: UnsafeBufferPointer<UInt8>) -> (candidate: Thesaurus.Candidate, end: Int, score: Double)? {
        guard isSwappable(tokens, at: index, bytes: bytes) else { return nil }
        var best: (candidate: Thesaurus.Candidate, end: Int, score: Double)?
        var runnerUp = 0.0
        var key: UInt64 = 0
        for end in index + 1...min(tokens.count, index + thesaurus.longestKey) {
            guard Int(tokens[end - 1].end) <= freeUntil else { break }
            key = end == index + 1 ? tokens[index].hash : LMHash.extend(key, tokens[end - 1].hash)
            guard let candidates = thesaurus.candidates(key) else { continue }
            let after = tokens[end..<min(tokens.count, end + 2)].map(\.hash)
            let current = scores(before, tokens[index..<end].map(\.hash), after)
            for candidate in candidates {
                let gain = self.gain(scores(before, candidate.hashes, after), over: current)
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

    /// Names and all-capital words are left alone: a capital inside a sentence marks a name.
    private func isSwappable(_ tokens: [LMToken], at index: Int, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = bytes[Int(tokens[index].start)]
        guard first >= 0x41, first <= 0x5A else { return first >= 0x61 && first <= 0x7A }
        guard index == 0 || [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), 10, UInt8(ascii: "\""), UInt8(ascii: ":"), 0xE2].contains(bytes[Int(tokens[index - 1].start)]) else { return false }
        let second = Int(tokens[index].start) + 1
        return second < Int(tokens[index].end) && bytes[second] >= 0x61 && bytes[second] <= 0x7A
    }

    /// How much better a candidate reads than the text, summed over the phrase and the two
    /// tokens after it.
    private func gain(_ candidate: [Double], over current: [Double]) -> Double {
        zip(candidate, current).reduce(0) { $0 + $1.0 - $1.1 }
    }

    /// The model's log scores of `middle` (one sum) and of each token of `after`, following `before`.
    private func scores(_ before: ArraySlice<UInt64>, _ middle: [UInt64], _ after: [UInt64]) -> [Double] {
        var before2 = before.first ?? LMTokenizer.breakHash
        var before1 = before.last ?? LMTokenizer.breakHash
        var parts = [0.0]
        for (position, token) in (middle + after).enumerated() {
            let score = model.logScore(token, after: before1, before2)
            if position < middle.count { parts[0] += score } else { parts.append(score) }
            before2 = before1
            before1 = token
        }
        return parts
    }
}

extension SpinRestorer {
    /// The edit's rule: `lm:` the candidate's thesauri, `@` the model's margin (natural log).
    static func ruleName(_ restoration: Restoration) -> String {
        "lm:\(restoration.source)@\(Double((restoration.score * 10).rounded()) / 10)"
    }
}
