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
            if name == "strip" {
                try runStripExamples(path: path, into: &summary)
                continue
            }
            let rules = try PhraseRule.load(path: path, name: name)
            summary.rules += rules.count
            for rule in rules {
                let stage = RepairStage(rules: [rule], breaker: breaker)
                stage.forcedJudgment = rule.confidence == .spun ? true : nil
                for example in rule.fixes {
                    summary.examples += 1
                    let output = stage.repaired(example.input)
                    if output != example.output {
                        summary.failures.append(
                            Failure(
                                file: path, line: example.line,
                                message: "rule '\(rule.phrase)' turned \"\(example.input)\" into \"\(output)\", expected \"\(example.output)\""))
                    }
                }
                stage.forcedJudgment = nil
                for example in rule.keeps {
                    summary.examples += 1
                    let output = stage.repaired(example.input)
                    if output != example.input {
                        summary.failures.append(
                            Failure(
                                file: path, line: example.line,
                                message: "rule '\(rule.phrase)' must leave \"\(example.input)\" alone, but made it \"\(output)\""))
                    }
                }
            }
        }
        // Strip runs with its classifier: a language with strip rules needs its model.
        for folder in book.languageFolders() {
            let language = RuleBook(directory: book.directory, language: folder)
            if language.file("strip") != nil { _ = try language.lineModel() }
        }
        return summary
    }

    private static func runStripExamples(path: String, into summary: inout Summary) throws {
        let rules = try StripRule.load(path: path)
        summary.rules += rules.count
        for rule in rules {
            let stage = try StripStage(rules: [rule], model: nil)
            func run(_ input: String) throws -> Document {
                var document = Document(id: "example", text: input)
                try stage.process(&document)
                return document
            }
            func fail(_ line: Int, _ message: String) {
                summary.failures.append(Failure(file: path, line: line, message: "rule '\(rule.id)': \(message)"))
            }
            for example in rule.removes {
                summary.examples += 1
                let output = try run(example.input).text.trimmingCharacters(in: .whitespacesAndNewlines)
                if output != example.remainder { fail(example.line, "left \"\(output)\", expected \"\(example.remainder)\"") }
            }
            for example in rule.extracts {
                summary.examples += 1
                let document = try run(example.input)
                let value = fieldText(document.metadata, rule.field ?? "")
                if value != example.value { fail(example.line, "extracted \"\(value ?? "nothing")\", expected \"\(example.value)\"") }
                if !document.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, rule.scope == .line {
                    fail(example.line, "left \"\(document.text)\" in the body")
                }
            }
            for example in rule.keeps {
                summary.examples += 1
                let document = try run(example.input)
                if !document.edits.isEmpty { fail(example.line, "must leave \"\(example.input)\" alone, but made it \"\(document.text)\"") }
            }
        }
    }

    /// A metadata field as example text: strings as they are, lists by their first item, a
    /// dateline as "PLACE / AGENCY".
    private static func fieldText(_ metadata: JSONObject, _ field: String) -> String? {
        switch field {
        case "dateline":
            guard let dateline = metadata["dateline"]?.objectValue else { return nil }
            return "\(dateline["place"]?.stringValue ?? "") / \(dateline["agency"]?.stringValue ?? "")"
        case "caption": return metadata["captions"]?.arrayValue?.first?.stringValue
        case "credits": return metadata["credits"]?.arrayValue?.first?.stringValue
        default: return metadata[field]?.stringValue
        }
    }
}
