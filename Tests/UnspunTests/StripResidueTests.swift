import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// The residue a new user found left by strip (issue 15), each line inside a short article whose
/// sentences must stay; a live blog that must keep its two sentences; and "when unsure, keep".
@Suite struct StripResidueTests {
    static let before = "The minister resigned on Tuesday after a week of pressure from her own party.\nShe said the decision was hers alone and that she would stay in parliament."
    static let after = "The prime minister thanked her for her service and named a successor within hours.\nOpposition leaders called for an early election, saying the government had lost its way."

    func strip(_ text: String, kind: LineModel.Kind? = nil) throws -> Document {
        let book = Repo.rules
        let stage = try StripStage(rules: try book.stripRules(), model: try book.lineModel(), inputKind: kind)
        var document = Document(id: "residue", text: text)
        try stage.process(&document)
        return document
    }

    static let residue = [
        "Share this article on Facebook Twitter WhatsApp Email", "Home | News | Politics | Business", "Enter your email address",
        "5 min read", "Copy link", "Tags: Politics, Resignations, Parliament", "Our Standards: The Thomson Reuters Trust Principles.",
        "Do you have a story for us? Email tips@example.com", "Updated 2 hours ago",
    ]

    @Test(arguments: residue, [LineModel.Kind?.none, .page, .extract])
    func residueLineGoesAndTheArticleStays(line: String, kind: LineModel.Kind?) throws {
        let document = try strip(Self.before + "\n" + line + "\n" + Self.after, kind: kind)
        #expect(!document.text.contains(line))
        for sentence in (Self.before + "\n" + Self.after).split(separator: "\n") { #expect(document.text.contains(sentence)) }
    }

    @Test func relatedStoriesGoWithTheirHeading() throws {
        let items = ["Putin visits China for trade talks", "Oil prices climb as supply tightens", "- Floods cut off villages in the north"]
        let document = try strip(Self.before + "\n" + Self.after + "\nRelated stories\n" + items.joined(separator: "\n"))
        for item in items { #expect(!document.text.contains(item)) }
        #expect(!document.text.contains("Related stories"))
        for sentence in (Self.before + "\n" + Self.after).split(separator: "\n") { #expect(document.text.contains(sentence)) }
        let kinds = (document.metadata["removed"]?.arrayValue ?? []).compactMap { $0.objectValue?["kind"]?.stringValue }
        #expect(kinds.filter { $0 == "related" }.count == 4)
    }

    @Test func aShortLiveBlogKeepsItsTwoSentences() throws {
        let blog = "Live updates\nKey events\n10:42 GMT\nThe minister has resigned.\n10:30 GMT\nParliament will vote at noon."
        for kind in [LineModel.Kind?.none, .page, .extract] {
            let document = try strip(blog, kind: kind)
            #expect(document.text.contains("The minister has resigned."))
            #expect(document.text.contains("Parliament will vote at noon."))
        }
    }

    /// A model that removes every line: the sentence-like lines stay, and a note says why.
    @Test func stripNeverEmptiesATextWithSentences() throws {
        let weights = LineFeatures.names.map { "feature: \($0) \($0 == "bias" ? -20 : 0)" }
        let model = try LineModel(path: "removes-all.model", text: (["threshold: 0.5"] + weights).joined(separator: "\n"))
        let stage = try StripStage(rules: [], model: model)
        var document = Document(id: "all", text: "Menu\nSearch\nThe minister has resigned.\nSubscribe\nParliament will vote at noon.")
        try stage.process(&document)
        #expect(document.text == "The minister has resigned.\nParliament will vote at noon.")
        let notes = (document.metadata["notes"]?.arrayValue ?? []).compactMap { $0.objectValue?["kind"]?.stringValue }
        #expect(notes == ["kept-sentences"])
        var menu = Document(id: "menu", text: "Menu\nSearch\nSubscribe")
        try stage.process(&menu)
        #expect(menu.text.isEmpty)
    }

    /// The detector tells a whole page (menus, short lines) from an extractor's output (prose).
    @Test func theModelTellsAPageFromAnExtract() throws {
        let model = try #require(try Repo.rules.lineModel())
        func measures(_ text: String) -> [LineFeatures.Measure] {
            text.split(separator: "\n").map { line in Array(line.utf8).withUnsafeBufferPointer { LineFeatures.measure($0) } }
        }
        let menu = ["Home", "News", "World", "Business", "Sport", "Sign in", "Search", "Menu", "Weather", "Video"].joined(separator: "\n")
        #expect(model.kind(of: measures(menu + "\n" + Self.before + "\n" + menu + "\n" + menu)) == .page)
        #expect(model.kind(of: measures(try Repo.seed("002").text)) == .extract)
    }
}
