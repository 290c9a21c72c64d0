import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// No rule may stall a batch: shipped patterns stay cheap on the lines built to make them
/// backtrack, patterns of the exponential shape are refused when a rule file loads, and a search
/// that still runs long is cut off, noted in the record and counted.
@Suite struct RuleSafetyTests {
    /// Work one search may take in this test: a fifth of the shipped limit and, at ICU's speed,
    /// well under a millisecond; steps are counted by the engine, so the check is the same on
    /// every machine.
    static let testSteps: Int32 = 100_000

    /// Lines that make a pattern backtrack if it can: long runs of the rule's own words and
    /// examples, of spaces and separators, each once as it is and once with a tail that spoils
    /// the match at the very end.
    static func adversarialLines(for rule: StripRule) -> [String] {
        let examples = rule.removes.map(\.input) + rule.keeps.map(\.input) + rule.extracts.map(\.input)
        let pieces = rule.words + examples.flatMap { $0.split(separator: " ").map(String.init) }
        var runs: [String] = []
        for separator in [" ", "  ", " | ", ", ", " · ", "/", "-", ""] {
            runs.append(rule.words.joined(separator: separator))
            runs.append(Array(repeating: rule.words.joined(separator: separator), count: 12).joined(separator: separator))
            runs.append(pieces.prefix(40).joined(separator: separator))
        }
        for example in examples where !example.contains("\n") {
            runs.append(Array(repeating: example, count: 8).joined(separator: " "))
        }
        for filler in [" ", "|", "-", ".", "a", "A", "1", "é"] {
            runs.append(String(repeating: filler, count: 2_000))
            runs.append((rule.words.first ?? "") + " " + String(repeating: filler, count: 2_000))
        }
        return runs.flatMap { [$0, $0 + " and more", $0 + " x", $0 + "!"] }
    }

    @Test func everyShippedRuleStaysCheapOnAdversarialLines() throws {
        let rules = try Repo.rules.stripRules()
        var searches = 0
        var slowest: (seconds: Double, rule: String) = (0, "")
        for rule in rules {
            let patterns = [rule.pattern] + [rule.end].compactMap { $0 }
            for source in patterns {
                let pattern = try Pattern(source, caseInsensitive: !rule.caseSensitive)
                pattern.limit(steps: Self.testSteps)
                for line in Self.adversarialLines(for: rule) {
                    let bytes = Array(line.utf8)
                    let start = DispatchTime.now().uptimeNanoseconds
                    let reached = bytes.withUnsafeBufferPointer { buffer in
                        do {
                            _ = try pattern.firstMatch(in: buffer)
                            return false
                        } catch {
                            return true
                        }
                    }
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    if seconds > slowest.seconds { slowest = (seconds, rule.id) }
                    #expect(!reached, "\(rule.id) backtracks past \(Self.testSteps) steps on \(line.prefix(80).debugDescription)")
                    searches += 1
                }
            }
        }
        #expect(rules.count >= 20)
        print("RuleSafetyTests: \(searches) adversarial searches; slowest \(slowest.rule), \(String(format: "%.2f", slowest.seconds * 1000)) ms")
    }

    @Test(arguments: [
        ("^share (a+)+$", 7), ("(?:\\w+\\s*)+", 0), ("(x*)*", 0), ("^(?:(?:facebook|x)\\s*[|,]?\\s*){2,}$", 1),
        ("a(?:b(?:c+)d)+", 1), ("(?:a{2,})*", 0),
    ])
    func nestedRepetitionIsFound(pattern: String, place: Int) {
        #expect(PatternLint.nestedRepetition(in: pattern) == place)
    }

    @Test(arguments: [
        "(?:\\w++\\s*+)+", "(?>a+)+", "[(a+)+]", "\\(a+\\)+", "(?:ab)+", "\\Q(a+)+\\E", "(?:\\s+\\w){0,4}", "^(a+)(b+)$",
        "^(?:(?:facebook|x)\\s*+[|,]?+\\s*+){2,}$", "(?:a{2})+", "[^)]{0,80}\\)+",
    ])
    func safePatternsPass(pattern: String) {
        #expect(PatternLint.nestedRepetition(in: pattern) == nil)
    }

    @Test func aRuleOfTheExponentialShapeIsRefusedWithItsLine() throws {
        let file = "rule: bad\nkind: share\nwords: share\npattern: ^share (a+)+$\nremoves: share aaa\nkeeps: share the story\n"
        let (book, path) = try Repo.rulesFolder(file: "strip.rules", contents: file)
        #expect(Repo.failsWithRuleError(file: path, line: 4, message: "repeats a repetition") { _ = try book.stripRules() })
    }

    /// A pattern the lint cannot see through (an alternation of equal branches) still stops at the
    /// limit: the line stays, the record says which rule gave up, and `clean` counts it.
    @Test func aSearchPastItsLimitIsSkippedNotedAndCounted() throws {
        let file = "rule: slow\nkind: share\nwords: share\npattern: ^share (?:a|a)+$\nremoves: share aaa\nkeeps: share the story\n"
        let (book, _) = try Repo.rulesFolder(file: "strip.rules", contents: file)
        let stage = try StripStage(rules: try book.stripRules(), model: nil)
        let story = "The council voted on Tuesday to rebuild the bridge over the river."
        let spoiler = "share " + String(repeating: "a", count: 60) + "b"
        var document = Document(id: "d", text: "\(story)\n\(spoiler)\nshare aaa\n")
        let start = DispatchTime.now().uptimeNanoseconds
        try stage.process(&document)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #expect(document.text == "\(story)\n\(spoiler)\n")
        #expect(RuleLimitNote.rules(in: document) == ["strip:slow"])
        print("RuleSafetyTests: the exponential line gave up after \(String(format: "%.1f", seconds * 1000)) ms")

        let folder = try Repo.temporaryDirectory()
        let input = folder.appendingPathComponent("page.txt")
        try "\(story)\n\(spoiler)\n".write(to: input, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Repo.rules.directory! + "/en/lines.model", toPath: book.directory! + "/en/lines.model")
        try FileManager.default.copyItem(atPath: Repo.rules.directory! + "/en/spin.rules", toPath: book.directory! + "/en/spin.rules")
        let out = folder.appendingPathComponent("out")
        let run = try Run(["clean", input.path, "--out", out.path, "--rules", book.directory!, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONParser.parse(String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)).objectValue
        #expect(report?["rule_limits"]?.objectValue?["strip:slow"] == JSONValue(1))
    }
}
