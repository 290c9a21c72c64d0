/// Learns spin rules from reference repairs: each sentence a spun copy took from its original is
/// word-diffed against what the copy said, and every short replaced phrase ("replica" where the
/// original says "copy") is counted. The result reads as candidate rules in `spin.rules` syntax,
/// so users grow their rule files from their own dumps.
public struct SubstitutionMiner {
    public struct Candidate: Sendable {
        public var spun: String
        public var original: String
        public var count: Int
        /// A spun sentence that shows it.
        public var example: String
    }

    /// Longest phrase (in words) on either side that counts as one substitution.
    public static let maximumWords = 4

    private var found: [String: Candidate] = [:]

    public init() {}

    /// Adds the substitutions of one reference edit (`before`: the spun sentence, `after`: the
    /// original's).
    public mutating func add(spunSentence before: String, originalSentence after: String) {
        let a = Self.words(before)
        let b = Self.words(after)
        guard a.count <= 120, b.count <= 120 else { return }
        for (spunRange, originalRange) in Self.replacements(a.map(\.folded), b.map(\.folded)) {
            guard spunRange.count <= Self.maximumWords, originalRange.count <= Self.maximumWords,
                !spunRange.isEmpty, !originalRange.isEmpty
            else { continue }
            let spunWords = a[spunRange]
            let originalWords = b[originalRange]
            // Names and numbers are an editor's business, not a spinner's.
            if spunWords.contains(where: \.isAnchor) || originalWords.contains(where: \.isAnchor) { continue }
            let spun = spunWords.map(\.folded).joined(separator: " ")
            let original = originalWords.map(\.folded).joined(separator: " ")
            if found[spun + "\u{0}" + original] == nil {
                found[spun + "\u{0}" + original] = Candidate(spun: spun, original: original, count: 0, example: Self.oneLine(before))
            }
            found[spun + "\u{0}" + original]!.count += 1
        }
    }

    /// Candidates seen at least `minimumCount` times, most frequent first.
    public func candidates(minimumCount: Int = 1) -> [Candidate] {
        found.values.filter { $0.count >= minimumCount }.sorted {
            ($0.count, $1.spun, $1.original) > ($1.count, $0.spun, $0.original)
        }
    }

    /// The candidates as a rule file: class `spun`, since a phrase seen in spun copies may still
    /// be ordinary English; review before moving a rule to `sure`.
    /// Each example's expected output is what the rule itself makes of the sentence, so the
    /// file passes `unspun rules test` as written.
    public func rulesText(minimumCount: Int = 1) throws(ICUError) -> String {
        var text = "# Candidate spin rules mined by `unspun mine` from reference repairs: spun wording => the\n"
        text += "# original's. Review each before use; `unspun rules test` runs their examples.\n"
        let breaker = try WordBreaker(locale: "en")
        for candidate in candidates(minimumCount: minimumCount) where !candidate.example.contains("=>") {
            let rule = PhraseRule(id: "mined", phrase: candidate.spun, replacement: candidate.original, confidence: .spun, file: "", line: 0)
            let stage = RepairStage(rules: [rule], breaker: breaker)
            stage.forcedJudgment = true
            let output = stage.repaired(candidate.example)
            guard output != candidate.example else { continue }
            text += "\n# seen \(candidate.count) time\(candidate.count == 1 ? "" : "s")\n"
            text += "rule: \(candidate.spun) => \(candidate.original)\nclass: spun\n"
            text += "fixes: \(candidate.example) => \(output)\n"
        }
        return text
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    struct Word {
        var folded: String
        var range: Range<Int>
        var isAnchor: Bool
    }

    static func words(_ sentence: String) -> [Word] {
        var words: [Word] = []
        let bytes = Array(sentence.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            Skeleton.forEachWord(in: buffer) { _, kind, range in
                let text = String(decoding: buffer[range], as: UTF8.self)
                words.append(
                    Word(
                        folded: UnicodeText.mapCase(text, .fold).replacingOccurrences(of: "’", with: "'"), range: range,
                        isAnchor: kind == .name || kind == .number))
            }
        }
        return words
    }

    /// The replaced stretches between two word sequences (a longest-common-subsequence diff).
    static func replacements(_ a: [String], _ b: [String]) -> [(Range<Int>, Range<Int>)] {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [(Range<Int>, Range<Int>)] = []
        var i = 0
        var j = 0
        var startA = 0
        var startB = 0
        var inChange = false
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                if inChange { result.append((startA..<i, startB..<j)) }
                inChange = false
                i += 1
                j += 1
                continue
            }
            if !inChange {
                inChange = true
                startA = i
                startB = j
            }
            if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] { j += 1 } else { i += 1 }
        }
        if inChange { result.append((startA..<a.count, startB..<b.count)) }
        return result
    }
}
