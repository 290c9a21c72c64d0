import Foundation

/// A phrase replacement matched on ICU word tokens, case-insensitively: `take a seat down` =>
/// `sit down`. Its class says where it may fire.
@_spi(Rules) public struct PhraseRule: Sendable {
    public enum Confidence: String, Sendable, CaseIterable {
        /// Wording that ordinary text never uses ("take a seat down"): fires anywhere, and its
        /// hits are what judge a document spun.
        case sure
        /// Ordinary wording in other places: fires only where its context conditions hold.
        case context
        /// Ordinary wording: fires only in a document already judged spun (and where its
        /// context conditions, if any, hold).
        case spun
    }

    /// Tokens that must (or must not) stand next to the phrase: exact words or globs
    /// (`*ing` any word ending in "ing", `pro-*` any word starting with "pro-").
    public struct Context: Sendable {
        var words: [String]

        func matches(_ token: String?) -> Bool {
            guard let token else { return false }
            return words.contains { word in
                if word.hasPrefix("*") { return token.hasSuffix(word.dropFirst()) && token.count > word.count - 1 }
                if word.hasSuffix("*") { return token.hasPrefix(word.dropLast()) && token.count > word.count - 1 }
                return token == word
            }
        }
    }

    public var id: String
    public var phrase: String
    public var replacement: String
    public var confidence: Confidence
    var before: Context?
    var notBefore: Context?
    var after: Context?
    var notAfter: Context?
    /// Where the rule stands, for messages and `--explain`.
    public var file: String
    public var line: Int
    /// Inline examples: sentences the rule must change into the given result, and sentences it
    /// must leave alone.
    public var fixes: [(input: String, output: String, line: Int)] = []
    public var keeps: [(input: String, line: Int)] = []

    /// Whether the words around a match allow the rule to fire (words are case-folded).
    func contextAllows(previous: String?, next: String?) -> Bool {
        if let before, !before.matches(previous) { return false }
        if let notBefore, notBefore.matches(previous) { return false }
        if let after, !after.matches(next) { return false }
        if let notAfter, notAfter.matches(next) { return false }
        return true
    }

    var hasContext: Bool { before != nil || notBefore != nil || after != nil || notAfter != nil }
}

extension PhraseRule {
    /// Reads a phrase rule file (`spin.rules`, `science.rules`).
    ///
    ///     rule: take a seat down => sit down
    ///     class: sure | context | spun
    ///     before: word|glob*      not-before: ...      after: ...      not-after: ...
    ///     fixes: INPUT => EXPECTED OUTPUT
    ///     keeps: INPUT
    static func load(path: String, name: String) throws(RuleError) -> [PhraseRule] {
        let file = try RuleFile(path: path)
        var rules: [PhraseRule] = []
        var phrases: [String: Int] = [:]
        for block in file.blocks {
            guard let head = block.entries.first, head.key == "rule" else {
                throw file.error(block.line, "a rule block must start with 'rule: PHRASE => REPLACEMENT'")
            }
            let sides = head.value.components(separatedBy: "=>")
            guard sides.count == 2 else { throw file.error(head.line, "expected 'rule: PHRASE => REPLACEMENT'") }
            let phrase = sides[0].trimmingCharacters(in: .whitespaces)
            let replacement = sides[1].trimmingCharacters(in: .whitespaces)
            guard !phrase.isEmpty, !replacement.isEmpty else { throw file.error(head.line, "empty phrase or replacement") }
            let folded = UnicodeText.mapCase(phrase, .fold)
            if let earlier = phrases[folded] {
                throw file.error(head.line, "the phrase '\(phrase)' already has a rule at line \(earlier)")
            }
            phrases[folded] = head.line
            var rule = PhraseRule(
                id: "\(name):" + folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-"), phrase: phrase, replacement: replacement, confidence: .sure,
                file: path, line: head.line)
            for entry in block.entries.dropFirst() {
                switch entry.key {
                case "class":
                    guard let confidence = Confidence(rawValue: entry.value) else {
                        throw file.error(entry.line, "unknown class '\(entry.value)' (sure, context or spun)")
                    }
                    rule.confidence = confidence
                case "id":
                    rule.id = "\(name):\(entry.value)"
                case "before", "not-before", "after", "not-after":
                    let words = entry.value.split(separator: "|").map { UnicodeText.mapCase(String($0).trimmingCharacters(in: .whitespaces), .fold).replacingOccurrences(of: "’", with: "'") }
                    guard !words.isEmpty, !words.contains(where: \.isEmpty) else {
                        throw file.error(entry.line, "\(entry.key) needs words separated by '|'")
                    }
                    let context = Context(words: words)
                    switch entry.key {
                    case "before": rule.before = context
                    case "not-before": rule.notBefore = context
                    case "after": rule.after = context
                    default: rule.notAfter = context
                    }
                case "fixes":
                    let parts = entry.value.components(separatedBy: " => ")
                    guard parts.count == 2 else { throw file.error(entry.line, "expected 'fixes: INPUT => OUTPUT'") }
                    rule.fixes.append((parts[0], parts[1], entry.line))
                case "keeps":
                    rule.keeps.append((entry.value, entry.line))
                default:
                    throw file.error(entry.line, "unknown key '\(entry.key)' in a phrase rule")
                }
            }
            if rule.confidence == .context, !rule.hasContext {
                throw file.error(head.line, "a 'context' rule needs before, not-before, after or not-after")
            }
            if rule.fixes.isEmpty { throw file.error(head.line, "the rule has no 'fixes:' example") }
            rules.append(rule)
        }
        return rules
    }
}
