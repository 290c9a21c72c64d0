import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

@Suite struct SpinRestorerTests {
    /// A small news-like corpus: each sentence pattern with several subjects and objects.
    static let corpus: [String] = {
        let subjects = ["the company", "the ministry", "the council", "the bank", "the union", "the agency"]
        let objects = ["the plan", "the talks", "the deal", "the project", "the review", "the program"]
        return subjects.flatMap { subject in
            objects.map { object in
                "\(subject.prefix(1).uppercased() + subject.dropFirst()) said on Monday that it would start \(object) next month. "
                    + "Officials said the cost of \(object) was too high, according to a copy of the report.\n"
            }
        }
    }()

    static func restorer(settings: SpinRestorer.Settings = SpinRestorer.Settings()) throws -> SpinRestorer {
        let folder = try Repo.temporaryDirectory()
        var builder = LanguageModelBuilder()
        for text in corpus { builder.add(text) }
        let model = folder.appendingPathComponent("test.lm").path
        try builder.write(to: model, header: "test corpus")
        let table = folder.appendingPathComponent("thesaurus.tsv").path
        try "# test\ncommence\tstart:w|begin:m\nreplica\tcopy:wm|reproduction:w\nmonetary value\tcost:w|price:w\ntoo high\ttoo low:w\n"
            .write(toFile: table, atomically: true, encoding: .utf8)
        return SpinRestorer(model: try LanguageModel(path: model), thesaurus: try Thesaurus(path: table), settings: settings)
    }

    func repair(_ text: String, _ restorer: SpinRestorer) throws -> Document {
        let stage = try RepairStage(rules: try Repo.rules.phraseRules(), restorer: restorer)
        var document = Document(id: "t", text: text)
        try stage.process(&document)
        return document
    }

    @Test func tokensFoldCaseApostrophesAndNumbers() {
        let hashes = LMTokenizer.hashes(of: "It’s 42 “new”—fine.\n\n\nNext")
        #expect(hashes == LMTokenizer.hashes(of: "it's 7 \"new\"-fine.\nnext").enumerated().map { $0.offset == 2 || $0.offset == 4 || $0.offset == 5 ? hashes[$0.offset] : $0.element })
        #expect(hashes[1] == LMTokenizer.numberHash)
        #expect(hashes.filter { $0 == LMTokenizer.breakHash }.count == 1)
        #expect(LMTokenizer.hashes(of: "New") == LMTokenizer.hashes(of: "new"))
    }

    @Test func modelFileKeepsCountsAndHeader() throws {
        var builder = LanguageModelBuilder()
        builder.add("the cat sat on the mat.")
        builder.add("the dog sat.")
        let path = try Repo.temporaryDirectory().appendingPathComponent("m.lm").path
        try builder.write(to: path, header: "two lines, CC0")
        let model = try LanguageModel(path: path)
        #expect(model.header == "two lines, CC0")
        #expect(model.tokens == 11)
        let the = LMTokenizer.hashes(of: "the")[0]
        let sat = LMTokenizer.hashes(of: "sat")[0]
        let cat = LMTokenizer.hashes(of: "cat")[0]
        #expect(model.count(the) == 3)
        #expect(model.count(LanguageModel.bigramKey(cat, sat)) == 1)
        #expect(model.count(LanguageModel.bigramKey(sat, cat)) == 0)
        #expect(model.count(LMTokenizer.hashes(of: "bird")[0]) == 0)
        #expect(model.logScore(sat, after: cat, the) > model.logScore(cat, after: sat, the))
        try Data("UNSPUNLM but not a model at all, just text".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: LanguageModelError.self) { try LanguageModel(path: path) }
    }

    @Test func quantizedCountsAreExactToSixtyFourAndMonotone() {
        for count: UInt64 in [1, 2, 17, 64] { #expect(CountQuantizer.decoded[Int(CountQuantizer.code(count))] == Double(count)) }
        let codes = [65, 100, 1_000, 100_000, 10_000_000, 1 << 40].map { CountQuantizer.code(UInt64($0)) }
        #expect(codes == codes.sorted() && codes.last == 255)
        let decoded = CountQuantizer.decoded[Int(CountQuantizer.code(1_000))]
        #expect(abs(decoded - 1_000) / 1_000 < 0.05)
    }

    @Test func spunDocumentIsRestoredAndRevertible() throws {
        let spun = "The bank said on Monday that it would commence the deal next month. Officials said the monetary value of the deal was too high, according to a replica of the report.\n"
        let document = try repair(spun, try Self.restorer())
        #expect(document.text == "The bank said on Monday that it would start the deal next month. Officials said the cost of the deal was too high, according to a copy of the report.\n")
        #expect(document.edits.allSatisfy { $0.rule.hasPrefix("lm:wordnet") })
        #expect(document.edits.map(\.rule).first { $0.hasPrefix("lm:wordnet@") } != nil)
        #expect(EditLog.revert(document.edits, from: Array(document.text.utf8)) == Array(spun.utf8))
        // Restored text reads as clean: a second run changes nothing.
        #expect(try repair(document.text, try Self.restorer()).edits.isEmpty)
        // The odd spans raise the spin score past the spun threshold; the restored text's is lower.
        func spinScore(_ document: Document) -> Double? {
            guard case .number(let value) = document.metadata["spin_score"] else { return nil }
            return Double(value)
        }
        let spunScore = try #require(spinScore(document))
        #expect(spunScore >= SpinJudgment.minimumPerThousandWords)
        let restoredScore = try #require(spinScore(try repair(document.text, try Self.restorer())))
        #expect(restoredScore < spunScore)
    }

    @Test func oneOddSpanIsNotEnough() throws {
        let text = "The bank said on Monday that it would commence the deal next month. Officials said the cost of the deal was too high, according to a copy of the report.\n"
        #expect(try repair(text, try Self.restorer()).edits.isEmpty)
        var loose = SpinRestorer.Settings()
        loose.minimumSpans = 1
        loose.minimumPerThousand = 0
        #expect(try repair(text, try Self.restorer(settings: loose)).text.contains("would start the deal"))
    }

    @Test func aTextCleanForItsFirstWordsIsGivenUpOn() throws {
        let spun = "The bank said on Monday that it would commence the deal next month. Officials said the monetary value of the deal was too high, according to a replica of the report.\n"
        let cleanStart = Self.corpus.joined()
        #expect(cleanStart.split(separator: " ").count > 400)
        // Dense enough over the whole text at 1 per 1,000 words, but not over its clean start.
        var lenient = SpinRestorer.Settings()
        lenient.minimumPerThousand = 1
        lenient.checkPerThousand = 1
        lenient.checkEvery = 400
        #expect(try repair(cleanStart + spun + spun + spun, try Self.restorer(settings: lenient)).edits.isEmpty)
        lenient.checkEvery = .max
        #expect(!(try repair(cleanStart + spun + spun + spun, try Self.restorer(settings: lenient)).edits.isEmpty))
    }

    @Test func namesAndWinningWordingStay() throws {
        // "Replica" inside a sentence is a name; "too high" is what the corpus says.
        let spun = "The bank said on Monday that it would commence the deal next month. Officials at Replica said the monetary value of the deal was too high, according to a replica of the report.\n"
        let document = try repair(spun, try Self.restorer())
        #expect(document.text.contains("Officials at Replica said the cost"))
        #expect(document.text.contains("too high"))
    }

    /// A swap out of a wording with few synonyms is likelier than one out of a wording with many;
    /// a swap two thesauri list adds both chances.
    @Test func channelIsTheLogChanceOfTheSwap() throws {
        let path = try Repo.temporaryDirectory().appendingPathComponent("t.tsv").path
        try "# t\nbegin\tstart:w|open:a\ncommence\tstart:wm\ninitiate\topen:a\nlaunch\topen:a\n".write(toFile: path, atomically: true, encoding: .utf8)
        let table = try Thesaurus(path: path)
        let chances = Dictionary(zip(table.candidates.texts.indices.map { "\(table.candidates.texts[$0])/\(table.candidates.sources[$0])" }, table.candidates.channel)) { a, _ in a }
        #expect(chances["start/wordnet"] == log(0.5))
        #expect(chances["start/wordnet+mythes"] == log(0.5 + 1))
        #expect(chances["open/aiksaurus"] == log(1.0 / 3))
    }

    /// A lightly restored document asks each restoration for a wider margin.
    @Test func aSparselyRestoredDocumentNeedsAWiderMargin() throws {
        let spun = "The bank said on Monday that it would commence the deal next month. Officials said the monetary value of the deal was too high, according to a replica of the report.\n"
        var settings = SpinRestorer.Settings()
        settings.denseRestorations = 1_000
        settings.sparsePenalty = 100
        #expect(try repair(spun, try Self.restorer(settings: settings)).edits.isEmpty)
        settings.sparsePenalty = 0
        #expect(try repair(spun, try Self.restorer(settings: settings)).text.contains("would start the deal"))
    }

    @Test func aTableWithAnUnknownSourceLetterIsRefused() throws {
        let path = try Repo.temporaryDirectory().appendingPathComponent("t.tsv").path
        try "# t\ncommence\tstart:wx\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RuleError.self) { try Thesaurus(path: path) }
    }

    /// The restorer is off unless asked for; "default" takes the shipped model and thesaurus.
    @Test func defaultRulesFolderShipsAModelAndThesaurus() throws {
        #expect(try Repo.rules.spinRestorer() == nil)
        var on = Repo.rules
        on.languageModel = "default"
        let restorer = try #require(try on.spinRestorer())
        #expect(restorer.model.header.contains("CC BY 4.0"))
        #expect(restorer.thesaurus.count > 10_000)
        // Another table in place of the shipped one.
        let table = try Repo.temporaryDirectory().appendingPathComponent("t.tsv").path
        try "# t\ncommence\tstart:w\n".write(toFile: table, atomically: true, encoding: .utf8)
        on.thesaurus = table
        #expect(try #require(try on.spinRestorer()).thesaurus.count == 1)
        on.thesaurus = nil
        on.languageModel = "none"
        #expect(try on.spinRestorer() == nil)
        on.languageModel = "/nonexistent/x.lm"
        #expect(throws: RuleError.self) { try on.spinRestorer() }
    }
}
