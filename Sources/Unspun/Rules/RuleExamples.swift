import Foundation

/// Runs the examples that every rule carries (the LanguageTool and SwiftLint habit): each
/// `fixes:` input must come out exactly as given, each `keeps:` input unchanged. A rule file is
/// thereby its own test suite; `unspun rules test` and the test target both run this.
public enum RuleExamples {
    public struct Failure: Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public struct Summary: Sendable {
        public var files: [String] = []
        public var rules = 0
        public var examples = 0
        public var failures: [Failure] = []
    }

    /// Checks and runs every rule file under the book's folder, all languages.
    public static func run(_ book: RuleBook) throws -> Summary {
        var summary = Summary()
        let breaker = try WordBreaker(locale: "en")
        for path in book.allRuleFiles() {
            summary.files.append(path)
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let rules = try PhraseRule.load(path: path, name: name)
            summary.rules += rules.count
            for rule in rules {
                let stage = RepairStage(rules: [rule], breaker: breaker)
                stage.forcedJudgment = rule.confidence == .spun ? true : nil
                for example in rule.fixes {
                    summary.examples += 1
                    let output = stage.repaired(example.input)
                    if output != example.output {
                        summary.failures.append(Failure(
                            file: path, line: example.line,
                            message: "rule '\(rule.phrase)' turned \"\(example.input)\" into \"\(output)\", expected \"\(example.output)\""))
                    }
                }
                stage.forcedJudgment = nil
                for example in rule.keeps {
                    summary.examples += 1
                    let output = stage.repaired(example.input)
                    if output != example.input {
                        summary.failures.append(Failure(
                            file: path, line: example.line,
                            message: "rule '\(rule.phrase)' must leave \"\(example.input)\" alone, but made it \"\(output)\""))
                    }
                }
            }
        }
        return summary
    }
}
