import ArgumentParser
import Unspun

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Validate rule files and run the examples every rule carries.",
        subcommands: [Check.self, Test.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse every .rules file and report the first error with its file and line.",
            discussion: "EXAMPLES\n  unspun rules check\n  unspun rules check ./MyRules"
        )

        @Argument(help: "Rules folder (default: the rules unspun was built or installed with).")
        var directory: String?

        func run() throws {
            let summary = try RulesCommand.summary(directory)
            print("\(summary.files.count) rule files, \(summary.rules) rules: all valid")
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's inline examples (fixes: and keeps:) and list each failure.",
            discussion: "EXAMPLES\n  unspun rules test\n  unspun rules test ./MyRules"
        )

        @Argument(help: "Rules folder (default: the rules unspun was built or installed with).")
        var directory: String?

        func run() throws {
            let summary = try RulesCommand.summary(directory)
            for failure in summary.failures { Diagnostics.write("FAIL \(failure)\n") }
            let passed = summary.examples - summary.failures.count
            print("rules: \(summary.rules) rules in \(summary.files.count) files")
            print("\(passed) passed, \(summary.failures.count) failed")
            if !summary.failures.isEmpty { throw Exit.badRules }
        }
    }

    static func summary(_ directory: String?) throws -> RuleExamples.Summary {
        guard let folder = directory ?? RuleBook.locateDefault() else {
            Diagnostics.error("no rules folder found; give one, or set UNSPUN_RULES")
            throw Exit.badRules
        }
        do {
            let summary = try RuleExamples.run(RuleBook(directory: folder))
            if summary.files.isEmpty {
                Diagnostics.error("\(folder): no .rules files")
                throw Exit.badRules
            }
            return summary
        } catch let error as RuleError {
            Diagnostics.error(error.description)
            throw Exit.badRules
        }
    }
}
