/// Undoes synonym spinning with phrase rules matched on ICU word tokens: `take a seat down`
/// becomes `sit down`, in the case pattern of what it replaces, with the text around it kept.
/// Sure rules fire anywhere; context rules where their neighbours allow; spun-only rules only in
/// a document judged spun (`SpinJudgment`), whose score goes to `metadata.spin_score`.
public final class RepairStage: Stage {
    public let name = "repair"
    private let breaker: WordBreaker
    private let matcher: PhraseMatcher
    /// Undoes swaps no rule covers, from the thesaurus and the news model; nil: rules only.
    private let restorer: SpinRestorer?
    /// Overrides the judgment (rule examples run spun-only rules as in a spun document).
    var forcedJudgment: Bool?

    /// With `linePrefilter` off, every line is tokenized and matched (for measuring the matcher).
    @_spi(Rules) public convenience init(rules: [PhraseRule], restorer: SpinRestorer? = nil, linePrefilter: Bool = true) throws(ICUError) {
        self.init(rules: rules, breaker: try WordBreaker(locale: "en"), restorer: restorer, linePrefilter: linePrefilter)
    }

    /// The stage a rule book describes: `spin.rules` and its packs, and the restorer when the
    /// book names a language model; words broken by the book's language.
    public convenience init(book: RuleBook) throws {
        let breaker = try WordBreaker(locale: book.language)
        self.init(matcher: try book.phraseMatcher(breaker: breaker), breaker: breaker, restorer: try book.spinRestorer())
    }

    convenience init(rules: [PhraseRule], breaker: WordBreaker, restorer: SpinRestorer? = nil, linePrefilter: Bool = true) {
        self.init(matcher: PhraseMatcher(rules: rules, breaker: breaker, linePrefilter: linePrefilter), breaker: breaker, restorer: restorer)
    }

    init(matcher: PhraseMatcher, breaker: WordBreaker, restorer: SpinRestorer?) {
        self.breaker = breaker
        self.restorer = restorer
        self.matcher = matcher
    }

    /// The text with the rules applied (for examples and tests).
    func repaired(_ text: String) -> String {
        var copy = text
        let edits = copy.withUTF8 { repairs(in: $0).0 }
        return EditLog.apply(edits, to: text)
    }

    public func process(_ document: inout Document) throws(StageError) {
        var text = document.text
        let (edits, judgment) = text.withUTF8 { repairs(in: $0) }
        document.metadata["spin_score"] = JSONValue(Double((judgment.score * 100).rounded()) / 100)
        guard !edits.isEmpty else { return }
        document.edits.append(contentsOf: edits)
        document.text = EditLog.apply(edits, to: document.text)
    }

    func repairs(in bytes: UnsafeBufferPointer<UInt8>) -> ([Edit], SpinJudgment) {
        // Only lines that hold a rule's selector word can match: ICU tokenizes just those.
        let scan = matcher.prefilter.scan(bytes)
        var sureHits = 0
        var chosen: [(range: Range<Int>, rule: PhraseRule)] = []
        for line in scan.candidateLines {
            let (hits, matches) = self.matches(in: bytes, line: line)
            sureHits += hits
            chosen.append(contentsOf: matches)
        }
        var judgment = SpinJudgment(sureHits: sureHits, words: scan.words)
        let spun = forcedJudgment ?? judgment.isSpun
        var collector = EditCollector(stage: name, rule: "", input: bytes)
        var replacements = chosen.filter { $0.rule.confidence != .spun || spun }.map { (range: $0.range, text: $0.rule.replacement, rule: $0.rule.id) }
        if let restorer {
            let restored = restorer.restorations(in: bytes, avoiding: replacements.map(\.range))
            judgment.restorerScore = SpinJudgment.restorerScore(perThousand: restored.perThousand, spunAt: restorer.settings.minimumPerThousand)
            replacements += restored.restorations.map { (range: $0.range, text: $0.replacement, rule: SpinRestorer.ruleName($0)) }
            replacements.sort { $0.range.lowerBound < $1.range.lowerBound }
        }
        for (range, text, rule) in replacements {
            let original = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            let replacement = CasePattern.apply(of: original, to: text)
            guard replacement != original else { continue }
            collector.rule = rule
            collector.replace(range, with: Array(replacement.utf8))
        }
        return (collector.edits, judgment)
    }

    /// The rule that may fire at each phrase of one line, spin aside (longest phrase first,
    /// then file order), and how many of them are sure hits.
    private func matches(in bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> (Int, [(range: Range<Int>, rule: PhraseRule)]) {
        let lineBytes = UnsafeBufferPointer(rebasing: bytes[line])
        let tokens = breaker.tokens(in: lineBytes, skippingSpaces: true)
        let keys = tokens.map { TokenKeys.key(lineBytes, $0.range) }

        func folded(_ index: Int) -> String? {
            guard index >= 0, index < tokens.count else { return nil }
            let token = String(decoding: UnsafeBufferPointer(rebasing: lineBytes[tokens[index].range]), as: UTF8.self)
            return UnicodeText.mapCase(token, .fold).replacingOccurrences(of: "’", with: "'")
        }

        var sureHits = 0
        var found: [(range: Range<Int>, rule: PhraseRule)] = []
        var index = 0
        while index < keys.count {
            var picked: (end: Int, rule: PhraseRule)?
            search: for match in matcher.matches(in: keys, from: index) {
                for ruleIndex in match.rules {
                    let rule = matcher.rules[Int(ruleIndex)]
                    if rule.hasContext, !rule.contextAllows(previous: folded(index - 1), next: folded(match.end)) { continue }
                    picked = (match.end, rule)
                    break search
                }
            }
            guard let picked else {
                index += 1
                continue
            }
            let range = line.lowerBound + Int(tokens[index].start)..<line.lowerBound + Int(tokens[picked.end - 1].end)
            found.append((range, picked.rule))
            if picked.rule.confidence == .sure { sureHits += 1 }
            index = picked.end
        }
        return (sureHits, found)
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
