import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// The repetition cue: lines that stand in documents of many other stories go; copies of one
/// story keep the lines they share.
@Suite struct RepeatedLineTests {
    static let boilerplate = "Sign up for the Morning Brief, our daily newsletter."

    /// Six stories of one site each carry the site's promo line; story 0 has three copies that
    /// share an article line no other story has.
    func dump() -> (texts: [String], story: [Int], members: [[Int]]) {
        var texts: [String] = []
        var story: [Int] = []
        var members: [[Int]] = []
        for index in 0..<6 {
            let copies = index == 0 ? 3 : 1
            members.append([])
            for _ in 0..<copies {
                members[index].append(texts.count)
                story.append(index)
                texts.append("Article \(index) opens with its own sentence.\n\n\(Self.boilerplate)\n\nThe shared line of story \(index) stays.")
            }
        }
        return (texts, story, members)
    }

    func plan(_ settings: LineCounts.Settings) -> (RepeatedLinePlan, [String]) {
        let (texts, story, members) = dump()
        var keys: [UInt32] = []
        var ends: [Int] = []
        for text in texts {
            keys += LineCounts.keys(of: text)
            ends.append(keys.count)
        }
        return (RepeatedLinePlan(keys: keys, ends: ends, story: story, members: members, settings: settings), texts)
    }

    @Test func aLineOfManyOtherStoriesGoesAndCopiesKeepTheirOwn() throws {
        var settings = LineCounts.Settings()
        settings.minimumDocuments = 5
        settings.minimumStories = 3
        let (plan, texts) = self.plan(settings)
        for (index, text) in texts.enumerated() {
            var document = Document(id: "\(index)", text: text)
            #expect(plan.remove(from: &document, index: index) == 1)
            #expect(!document.text.contains(Self.boilerplate))
            #expect(document.text.contains("stays."))
            #expect(EditLog.rebuildOriginal(text: document.text, edits: document.edits) == text)
            let removed = try #require(document.metadata["removed"]?.arrayValue?.first?.objectValue)
            #expect(removed["kind"]?.stringValue == "repeated")
            #expect(removed["documents"] == JSONValue(8))
            #expect(removed["stories"] == JSONValue(6))
        }
    }

    @Test func tooFewOtherStoriesKeepTheLine() {
        var settings = LineCounts.Settings()
        settings.minimumDocuments = 5
        settings.minimumStories = 6
        let (plan, texts) = self.plan(settings)
        for index in texts.indices { #expect(!plan.hasRemovals(index)) }
        // Story 0's three copies give eight documents, but only five outside story 0.
        settings.minimumStories = 3
        settings.minimumDocuments = 6
        let (strict, _) = self.plan(settings)
        #expect(!strict.hasRemovals(0))
        #expect(strict.hasRemovals(3))
    }

    @Test func keysFoldCaseAndSpaces() {
        #expect(LineCounts.keys(of: "Share  This\n") == LineCounts.keys(of: "  share this"))
        #expect(LineCounts.keys(of: "---\n***").isEmpty)
    }

    @Test func countsFileRoundTripsAndNamesTheBadLine() throws {
        let folder = try Repo.temporaryDirectory()
        let path = folder.appendingPathComponent("line-counts.tsv").path
        let counts = LineCounts(counts: [0xABC: .init(documents: 9, stories: 7), 0x1: .init(documents: 9, stories: 2)])
        try counts.write(to: path)
        let read = try LineCounts(path: path)
        #expect(read.counts == [0xABC: .init(documents: 9, stories: 7)])
        #expect(read.settings == counts.settings)
        try "# unspun line counts\nabc\t9\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try LineCounts(path: path) }
        do {
            _ = try LineCounts(path: path)
        } catch {
            #expect(error.location.line == 2)
        }
    }
}
