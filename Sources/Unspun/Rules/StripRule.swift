import Foundation

/// A boilerplate or metadata rule of `strip.rules`: an ICU regular expression tried on the lines
/// that contain one of its `words`.
///
///     rule: share-row
///     kind: share                      boilerplate kind (share, donation, signup, caption, nav,
///                                      cookie, related, comment, footer, other) ...
///     field: byline                    ... or a metadata field (byline, dateline, date,
///                                      caption, credits, source) the match moves into
///     words: share                     lines without one of these words are never tried
///     pattern: ^(share .{0,40}? via \w+\s*)+$
///     scope: line | span               remove the whole line (default) or only the match
///     position: any | first | last     which non-empty line the rule may take
///     longest: 400                     only lines of at most this many characters (cheaper
///                                      than a pattern that counts them)
///     case: sensitive                  (default: case-insensitive)
///     end: ^Remind me later\.?$        a block rule: from the pattern's line to this one,
///     within: 12                       at most this many lines on
///     removes: LINE [=> WHAT REMAINS]  examples: `\n` separates lines in a block example
///     extracts: LINE => VALUE          the field value the line gives
///     keeps: LINE                      must come out unchanged
@_spi(Rules) public struct StripRule: Sendable {
    public enum Scope: String, Sendable { case line, span }
    public enum Position: String, Sendable { case any, first, last }

    public static let kinds: Set<String> = ["share", "donation", "signup", "caption", "nav", "cookie", "related", "comment", "footer", "other"]
    public static let fields: Set<String> = ["byline", "dateline", "date", "caption", "credits", "source"]

    public var id: String
    /// Boilerplate kind, or nil for a metadata rule.
    public var kind: String?
    public var field: String?
    public var words: [String]
    public var pattern: String
    public var end: String?
    public var within = 12
    public var scope = Scope.line
    public var position = Position.any
    /// Lines longer than this many characters (Unicode scalars) are never tried.
    public var longest: Int?
    public var caseSensitive = false
    public var file: String
    public var line: Int
    public var removes: [(input: String, remainder: String, line: Int)] = []
    public var extracts: [(input: String, value: String, line: Int)] = []
    public var keeps: [(input: String, line: Int)] = []

    static func load(path: String) throws(RuleError) -> [StripRule] {
        let file = try RuleFile(path: path)
        var rules: [StripRule] = []
        var ids = Set<String>()
        for block in file.blocks {
            guard let head = block.entries.first, head.key == "rule", !head.value.isEmpty else {
                throw file.error(block.line, "a rule block must start with 'rule: NAME'")
            }
            guard ids.insert(head.value).inserted else { throw file.error(head.line, "a rule named '\(head.value)' already exists") }
            var rule = StripRule(id: "strip:\(head.value)", words: [], pattern: "", file: path, line: head.line)
            var patternLines = ["pattern": head.line, "end": head.line]
            for entry in block.entries.dropFirst() {
                switch entry.key {
                case "kind":
                    guard kinds.contains(entry.value) else { throw file.error(entry.line, "unknown kind '\(entry.value)' (\(kinds.sorted().joined(separator: ", ")))") }
                    rule.kind = entry.value
                case "field":
                    guard fields.contains(entry.value) else { throw file.error(entry.line, "unknown field '\(entry.value)' (\(fields.sorted().joined(separator: ", ")))") }
                    rule.field = entry.value
                case "words":
                    rule.words = entry.value.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    guard !rule.words.isEmpty, rule.words.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLetter } }) else {
                        throw file.error(entry.line, "words must be plain ASCII words separated by '|'")
                    }
                case "pattern", "end":
                    if entry.key == "pattern" { rule.pattern = entry.value } else { rule.end = entry.value }
                    patternLines[entry.key] = entry.line
                case "within":
                    guard let count = Int(entry.value), count > 0, count <= 100 else { throw file.error(entry.line, "within needs a line count from 1 to 100") }
                    rule.within = count
                case "scope":
                    guard let scope = Scope(rawValue: entry.value) else { throw file.error(entry.line, "scope is line or span") }
                    rule.scope = scope
                case "position":
                    guard let position = Position(rawValue: entry.value) else { throw file.error(entry.line, "position is any, first or last") }
                    rule.position = position
                case "longest":
                    guard let count = Int(entry.value), count > 0 else { throw file.error(entry.line, "longest needs a character count above 0") }
                    rule.longest = count
                case "case":
                    guard entry.value == "sensitive" || entry.value == "insensitive" else { throw file.error(entry.line, "case is sensitive or insensitive") }
                    rule.caseSensitive = entry.value == "sensitive"
                case "removes":
                    let parts = entry.value.components(separatedBy: " => ")
                    guard parts.count <= 2 else { throw file.error(entry.line, "expected 'removes: LINE' or 'removes: LINE => REMAINDER'") }
                    rule.removes.append((unescape(parts[0]), parts.count == 2 ? unescape(parts[1]) : "", entry.line))
                case "extracts":
                    let parts = entry.value.components(separatedBy: " => ")
                    guard parts.count == 2 else { throw file.error(entry.line, "expected 'extracts: LINE => VALUE'") }
                    rule.extracts.append((unescape(parts[0]), parts[1], entry.line))
                case "keeps":
                    rule.keeps.append((unescape(entry.value), entry.line))
                default:
                    throw file.error(entry.line, "unknown key '\(entry.key)' in a strip rule")
                }
            }
            guard (rule.kind == nil) != (rule.field == nil) else { throw file.error(head.line, "a strip rule needs exactly one of 'kind:' or 'field:'") }
            guard !rule.pattern.isEmpty else { throw file.error(head.line, "the rule has no 'pattern:'") }
            guard !rule.words.isEmpty else { throw file.error(head.line, "the rule has no 'words:' (the lines it is tried on)") }
            for (source, key) in [(rule.pattern, "pattern"), (rule.end ?? "x", "end")] {
                do {
                    _ = try Pattern(source, caseInsensitive: !rule.caseSensitive)
                } catch {
                    throw file.error(head.line, "\(key): \(error.message)")
                }
                if let place = PatternLint.nestedRepetition(in: source) {
                    throw file.error(
                        patternLines[key] ?? head.line,
                        "\(key): the group at character \(place + 1) repeats a repetition, which can backtrack "
                            + "without end on a line that almost matches; make the inner repetition possessive (\\s*+) or the group atomic (?>...)")
                }
            }
            if rule.field != nil, rule.extracts.isEmpty { throw file.error(head.line, "a field rule needs an 'extracts:' example") }
            if rule.kind != nil, rule.removes.isEmpty { throw file.error(head.line, "a boilerplate rule needs a 'removes:' example") }
            if rule.keeps.isEmpty { throw file.error(head.line, "the rule needs a 'keeps:' example (a line it must leave alone)") }
            rules.append(rule)
        }
        return rules
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\n", with: "\n")
    }
}
