import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// The strip stage on the five seeds, read against Fixtures/seeds/gold.json the way the project's
/// acceptance check reads it.
@Suite struct StripTests {
    struct Gold {
        let json: JSONObject

        init() throws {
            let text = try String(contentsOf: Repo.seeds.appendingPathComponent("gold.json"), encoding: .utf8)
            json = try #require(try JSONParser.parse(text).objectValue)
        }

        func document(_ name: String) throws -> JSONObject {
            try #require(json["documents"]?.objectValue?[name]?.objectValue)
        }
    }

    func strip(_ text: String, readsPageMetadata: Bool = false) throws -> Document {
        let book = Repo.rules
        let stage = try StripStage(rules: try book.stripRules(), model: try book.lineModel(), readsPageMetadata: readsPageMetadata)
        var document = Document(id: "seed", text: text)
        try stage.process(&document)
        return document
    }

    static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{A0}", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(arguments: ["000", "001", "002", "003", "004"])
    func seedIsStrippedAsAnnotated(prefix: String) throws {
        let gold = try Gold()
        let (name, text) = try Repo.seed(prefix)
        let annotation = try gold.document(name)
        let document = try strip(text)
        let body = Self.fold(document.text)
        let boilerplate = annotation["boilerplate"]?.arrayValue?.compactMap { $0.objectValue?["line"]?.stringValue } ?? []
        let metadataItems = annotation["metadata"]?.arrayValue?.compactMap(\.objectValue) ?? []
        for line in boilerplate { #expect(!body.contains(Self.fold(line)), "boilerplate kept: \(line)") }
        // Every line that is neither boilerplate nor metadata stays, word for word.
        let gone = Set(boilerplate + metadataItems.compactMap { $0["line"]?.stringValue })
        for rawLine in text.split(separator: "\n") {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            for item in metadataItems {
                if let prefix = item["prefix"]?.stringValue, line.hasPrefix(prefix) {
                    line = String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                }
            }
            for piece in boilerplate where line.contains(piece) {
                line = line.replacingOccurrences(of: piece, with: "").trimmingCharacters(in: .whitespaces)
            }
            guard !line.isEmpty, !gone.contains(line) else { continue }
            #expect(body.contains(Self.fold(line)), "article line lost: \(line.prefix(60))")
        }
        let metadata = document.metadata
        for item in metadataItems {
            switch item["field"]?.stringValue {
            case "byline": #expect(metadata["byline"] == item["value"])
            case "dateline": #expect(metadata["dateline"] == item["value"])
            case "date": #expect(metadata["date"] == item["value"])
            case "source": #expect(metadata["source"] == item["value"])
            case "caption": #expect(metadata["captions"]?.arrayValue?.contains(try #require(item["line"])) == true)
            case "credits": #expect(metadata["credits"]?.arrayValue?.contains(try #require(item["line"])) == true)
            default: Issue.record("unknown field in gold.json")
            }
        }
        let headings = annotation["headings"]?.arrayValue ?? []
        #expect(metadata["headings"]?.arrayValue == headings)
        // Nothing disappears without a trace: each removed boilerplate line is listed with its kind.
        let removed = metadata["removed"]?.arrayValue?.compactMap { $0.objectValue?["text"]?.stringValue } ?? []
        for line in boilerplate { #expect(removed.contains { Self.fold($0).contains(Self.fold(line)) || Self.fold(line).contains(Self.fold($0)) }) }
        #expect(EditLog.revert(document.edits, from: Array(document.text.utf8)) == Array(text.utf8))
    }

    @Test func quotesAndRepeatedCaptionsStay() throws {
        let text = """
            Officials urged residents to act quickly before the deadline passed on Friday evening.
            “Anyone who wants help should sign up for the alerts,” the mayor said.
            The bridge was closed after the storm. File photo
            The bridge was closed after the storm.
            Repairs will take at least three months, engineers said on Saturday morning.
            """
        let document = try strip(text)
        #expect(document.text.contains("“Anyone who wants help should sign up for the alerts,” the mayor said."))
        #expect(document.text.contains("The bridge was closed after the storm.\n"))
        #expect(!document.text.contains("File photo"))
        #expect(document.metadata["captions"]?.arrayValue?.count == 1)
    }

    @Test func malformedStripRuleNamesFileAndLine() throws {
        let (book, path) = try Repo.rulesFolder(file: "strip.rules", contents: "rule: broken\nkind: share\nwords: share\npattern: (unclosed\nremoves: x\nkeeps: y\n")
        #expect(Repo.failsWithRuleError(file: path, line: 1, message: "pattern: invalid regular expression") { _ = try book.stripRules() })
    }

    /// `longest:` counts characters, not bytes: a line of exactly that many characters (with
    /// multi-byte ones) is tried, one character more is not; zero is refused where it stands.
    @Test func longestLimitsTheLinesARuleIsTriedOn() throws {
        let rule = "rule: appeal\nkind: donation\nwords: donate\nlongest: 13\npattern: donate\nremoves: Donate now!\nkeeps: x\n"
        let (book, _) = try Repo.rulesFolder(file: "strip.rules", contents: rule)
        let stage = try StripStage(rules: try book.stripRules(), model: nil)
        for (line, removed) in [("Donate now!", true), ("Donate ☂ now!", true), ("Donate ☂☂ now!", false)] {
            var document = Document(id: "t", text: "Article text stays.\n\(line)\nMore article text.")
            try stage.process(&document)
            #expect(document.text.contains(line) != removed, "\(line)")
        }
        let (zero, path) = try Repo.rulesFolder(file: "strip.rules", contents: rule.replacingOccurrences(of: "longest: 13", with: "longest: 0"))
        #expect(Repo.failsWithRuleError(file: path, line: 4, message: "longest needs a character count") { _ = try zero.stripRules() })
    }

    /// Training sees the feature vector (`fill`); the stage scores each line from parts that it
    /// computes once per line. Both must give the shipped model the same log-odds, line by line.
    @Test(arguments: ["000", "001", "002", "003", "004"], LineModel.Kind.allCases)
    func modelScoresByPartsAsItScoresTheVector(prefix: String, kind: LineModel.Kind) throws {
        #expect(LineFeatures.nextCues + LineFeatures.cueCount + 1 == LineFeatures.count)
        let model = try #require(try Repo.rules.lineModel()).weights(for: kind)
        let text = try Repo.seed(prefix).text
        let measures = text.split(separator: "\n").map { line in Array(line.utf8).withUnsafeBufferPointer { LineFeatures.measure($0) } }
        let context = LineFeatures.Context(measures)
        let scores = measures.map(model.cueScores)
        var vector = [Double](repeating: 0, count: LineFeatures.count)
        var extras = [Double](repeating: 0, count: LineFeatures.extraCount)
        for index in measures.indices {
            LineFeatures.fill(&vector, measures, index, context: context)
            let dot = zip(model.weights, vector).reduce(0) { $0 + $1.0 * $1.1 }
            let parts = extras.withUnsafeMutableBufferPointer { model.logit(scores, measures, index, context: context, extras: $0.baseAddress!) }
            #expect(abs(dot - parts) < 1e-9, "line \(index): \(dot) from the vector, \(parts) from parts")
        }
    }

    /// A model that removes the last line unless it ends a sentence eats a list from its end one
    /// line per pass, the way the shipped model eats a list of tags. The stage must get to where
    /// nothing more goes (the article's last sentence) in one run, so that a second run changes
    /// nothing; it used to stop after 40 rounds with most of the list still there.
    @Test func classifierSettlesWhenEachPassTipsTheNextLine() throws {
        let weights = LineFeatures.names.map { name in
            "feature: \(name) \(["bias": 5, "last": -10, "end_period": 10][name] ?? 0)"
        }
        let model = try LineModel(path: "last-line.model", text: (["threshold: 0.5"] + weights).joined(separator: "\n"))
        let stage = try StripStage(rules: [], model: model)
        let article = (1...20).map { "Sentence \($0) of the article, which ends with a period." }.joined(separator: "\n")
        let tags = (1...200).map { "tag \($0)" }.joined(separator: "\n")
        var once = Document(id: "tags", text: article + "\n" + tags)
        try stage.process(&once)
        #expect(once.text == article + "\n")
        #expect(EditLog.revert(once.edits, from: Array(once.text.utf8)) == Array((article + "\n" + tags).utf8))
        var twice = Document(id: "tags", text: once.text)
        try stage.process(&twice)
        #expect(twice.text == once.text)
    }
}
