import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

@Suite struct RepairTests {
    func repair(_ text: String) throws -> Document {
        let stage = try RepairStage(rules: try Repo.rules.phraseRules())
        var document = Document(id: "t", text: text)
        try stage.process(&document)
        return document
    }

    /// The rule files' own examples: every `fixes:` and `keeps:` line of every rule.
    @Test func everyRuleExampleHolds() throws {
        let summary = try RuleExamples.run(Repo.rules)
        #expect(summary.rules >= 25)
        #expect(summary.examples >= 2 * summary.rules)
        #expect(summary.failures.isEmpty, "\(summary.failures.map(\.description).joined(separator: "\n"))")
    }

    @Test func spunSeedIsRepairedWithoutAReference() throws {
        let (_, text) = try Repo.seed("000")
        let document = try repair(text)
        for (spun, source) in [
            ("We want to take a seat down and discuss this seriously", "We want to sit down and discuss this seriously"),
            ("could grow to be the idea of future agreements", "could become the basis of future agreements"),
            ("sign a take care of Kyiv", "sign a deal with Kyiv"),
            ("it remains to be struggling", "it is still struggling"),
            ("—With additional files from the Associated Press", "—With additional reporting from the Associated Press"),
        ] {
            #expect(document.text.contains(source), "not repaired: \(spun)")
            #expect(!document.text.contains(spun))
        }
        let score = try #require(document.metadata["spin_score"])
        guard case .number(let value) = score, let number = Double(value) else {
            Issue.record("no score")
            return
        }
        #expect(number > SpinJudgment.minimumPerThousandWords)
        #expect(EditLog.revert(document.edits, from: Array(document.text.utf8)) == Array(text.utf8))
    }

    /// Reference repair breaks a copy into sentences line by line and takes the lines its
    /// original has from the original: both must give what breaking the whole copy gives.
    @Test func copySentencesAreTheSameLineByLineAndFromTheOriginal() throws {
        let repair = try ReferenceRepair()
        let tricky = "He met Mr.\nSmith, who said: \"No.\"\n\n   Officials in the U.S.\nsaid so... Then left!\n \nWhat? Yes.\n"
        let texts = try Repo.seedNames.map { try String(contentsOf: Repo.seeds.appendingPathComponent($0), encoding: .utf8) } + [tricky]
        for text in texts {
            let bytes = Array(text.utf8)
            let whole = repair.sentences(bytes)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let everyOtherLine = lines.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: "\n")
            #expect(whole.count >= 3)
            // No line shared: each line is broken on its own.
            #expect(repair.sentences(bytes, reusing: repair.reference("Nothing in common.")) == whole)
            // Every line shared, then half of them: taken from the original, moved into place.
            #expect(repair.sentences(bytes, reusing: repair.reference(text)) == whole)
            #expect(repair.sentences(bytes, reusing: repair.reference(everyOtherLine)) == whole)
        }
    }

    @Test func cleanSeedsGetNoEdits() throws {
        for prefix in ["001", "002", "003", "004"] {
            let (name, text) = try Repo.seed(prefix)
            let document = try repair(text)
            #expect(document.edits.isEmpty, "\(name): \(document.edits.map(\.rule))")
            #expect(document.text == text)
        }
    }

    @Test func replacementTakesTheCasePattern() throws {
        #expect(try repair("Take a seat down, please.").text == "Sit down, please.")
        #expect(try repair("They said TUG BACK now.").text == "They said PULL BACK now.")
        #expect(try repair("they had to tug back.").text == "they had to pull back.")
    }

    @Test func spunOnlyRulesWaitForASpunDocument() throws {
        // "up to now" is ordinary English; alone it stays.
        #expect(try repair("Up to now the talks went well.").edits.isEmpty)
        // With sure hits nearby the document is judged spun and it is repaired.
        let spun = try repair("They had to tug back. It was legally inconceivable. Up to now the talks went well.")
        #expect(spun.text.hasSuffix("So far the talks went well."))
    }

    @Test func phrasesDoNotMatchAcrossPunctuation() throws {
        #expect(try repair("Please take a seat. Down the hall is the exit.").edits.isEmpty)
    }

    @Test func malformedRuleFileNamesFileAndLine() throws {
        let (book, path) = try Repo.rulesFolder(file: "spin.rules", contents: "# ok\nrule: a b => c\nfixes: a b => c\n\nrule: broken line without arrow\n")
        #expect(Repo.failsWithRuleError(file: path, line: 5, message: "PHRASE => REPLACEMENT") { _ = try book.phraseRules() })
    }
}
