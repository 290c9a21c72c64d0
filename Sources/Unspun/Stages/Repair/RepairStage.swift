/// Undoes synonym spinning with phrase rules matched on ICU word tokens: `take a seat down`
/// becomes `sit down`, in the case pattern of what it replaces, with the text around it kept.
/// Sure rules fire anywhere; context rules where their neighbours allow; spun-only rules only in
/// a document judged spun (`SpinJudgment`), whose score goes to `metadata.spin_score`.
public final class RepairStage: Stage {
    public let name = "repair"
    private let breaker: WordBreaker
    private let matcher: PhraseMatcher
    /// Overrides the judgment (rule examples run spun-only rules as in a spun document).
    var forcedJudgment: Bool?

    public convenience init(rules: [PhraseRule]) throws(ICUError) {
        self.init(rules: rules, breaker: try WordBreaker(locale: "en"))
    }

    init(rules: [PhraseRule], breaker: WordBreaker) {
        self.breaker = breaker
        matcher = PhraseMatcher(rules: rules, breaker: breaker)
    }

    /// The text with the rules applied (for examples and tests).
    func repaired(_ text: String) -> String {
        var copy = text
        let edits = copy.withUTF8 { repairs(in: $0).0 }
        return EditLog.apply(edits, to: text)
    }

    public var ruleCount: Int { matcher.rules.count }

    public func process(_ document: inout Document) throws(StageError) {
        var text = document.text
        let (edits, judgment) = text.withUTF8 { repairs(in: $0) }
        document.metadata["spin_score"] = JSONValue(Double((judgment.score * 100).rounded()) / 100)
        guard !edits.isEmpty else { return }
        document.edits.append(contentsOf: edits)
        document.text = EditLog.apply(edits, to: document.text)
    }

    private struct Candidate {
        var start: Int
        var end: Int
        var rules: [Int32]
    }

    func repairs(in bytes: UnsafeBufferPointer<UInt8>) -> ([Edit], SpinJudgment) {
        let tokens = breaker.tokens(in: bytes, skippingSpaces: true)
        var words = 0
        var keys: [UInt64] = []
        keys.reserveCapacity(tokens.count)
        for token in tokens {
            if token.isWord { words += 1 }
            keys.append(TokenKeys.key(bytes, token.range))
        }

        func folded(_ index: Int) -> String? {
            guard index >= 0, index < tokens.count else { return nil }
            let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[tokens[index].range]), as: UTF8.self)
            return UnicodeText.mapCase(token, .fold).replacingOccurrences(of: "’", with: "'")
        }

        // Pass 1: the rule that may fire at each match, ignoring spin; count the sure hits.
        var sureHits = 0
        var chosen: [(start: Int, end: Int, rule: PhraseRule, needsSpun: Bool)] = []
        var index = 0
        while index < keys.count {
            var picked: (end: Int, rule: PhraseRule, needsSpun: Bool)?
            for match in matcher.matches(in: keys, from: index) {
                for ruleIndex in match.rules {
                    let rule = matcher.rules[Int(ruleIndex)]
                    if rule.hasContext, !rule.contextAllows(previous: folded(index - 1), next: folded(match.end)) { continue }
                    picked = (match.end, rule, rule.confidence == .spun)
                    break
                }
                if picked != nil { break }
            }
            if let picked {
                chosen.append((index, picked.end, picked.rule, picked.needsSpun))
                if picked.rule.confidence == .sure { sureHits += 1 }
                index = picked.end
            } else {
                index += 1
            }
        }
        let judgment = SpinJudgment(sureHits: sureHits, words: words)
        let spun = forcedJudgment ?? judgment.isSpun
        var collector = EditCollector(stage: name, rule: "", input: bytes)
        for match in chosen where !match.needsSpun || spun {
            let range = Int(tokens[match.start].start)..<Int(tokens[match.end - 1].end)
            let original = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            let replacement = CasePattern.apply(of: original, to: match.rule.replacement)
            guard replacement != original else { continue }
            collector.rule = match.rule.id
            collector.replace(range, with: Array(replacement.utf8))
        }
        return (collector.edits, judgment)
    }
}

/// Carries the case pattern of replaced words onto their replacement: `Take a seat down` ->
/// `Sit down`, `TUG BACK` -> `PULL BACK`.
enum CasePattern {
    static func apply(of original: String, to replacement: String) -> String {
        let letters = original.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard let first = letters.first else { return replacement }
        if letters.count > 1, letters.allSatisfy({ !$0.properties.isLowercase }) {
            return UnicodeText.mapCase(replacement, .upper)
        }
        if first.properties.isUppercase, let head = replacement.first, head.isLowercase {
            return UnicodeText.mapCase(String(head), .upper) + replacement.dropFirst()
        }
        return replacement
    }
}
