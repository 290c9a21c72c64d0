import Foundation
import Testing

@testable import Unspun

/// The steps an engine drives (`unspun map`, `group --assign`, `story`) give `clean`'s outputs,
/// whatever shards the documents are grouped in.
@Suite struct EngineStepsTests {
    struct Mapped {
        var document: [UInt8]
        var signature: StorySignature
    }

    /// The seeds through `MapStep`, in `clean`'s reading order.
    func mapSeeds() throws -> [Mapped] {
        let step = try MapStep(stages: DumpCleaner.Options().stages, rules: Repo.rules)
        return try Repo.seedNames.map { name in
            let text = try Data(contentsOf: Repo.seeds.appendingPathComponent(name))
            let answer = try #require(step.map(text: Array(text), file: Repo.seeds.appendingPathComponent(name).path, id: name).objectValue)
            let document = try #require(answer["document"]?.stringValue)
            let json = try #require(answer["signature"])
            let signature = try #require(StorySignature(json: json))
            return Mapped(document: Array(document.utf8), signature: signature)
        }
    }

    func cleanLines(_ name: String) throws -> [String] {
        var options = DumpCleaner.Options()
        options.rules = Repo.rules
        let out = try Repo.temporaryDirectory()
        _ = try DumpCleaner(options: options).run(inputs: [Repo.seeds.path], outputDirectory: out.path)
        return try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func storiesThenStoryStepsWriteCleansDocumentsAndArticles() throws {
        let mapped = try mapSeeds()
        let assigned = StoryAssigner.assign(mapped.map(\.signature), oversizedKeys: [])
        let step = try StoryStep()
        var documents: [String] = []
        var articles: [String] = []
        for story in Set(assigned.map(\.story)).sorted() {
            let members = mapped.indices.filter { assigned[$0].story == story }
            let canonical = try #require(members.firstIndex { assigned[$0].canonical })
            // Counts of lines in more than 5 documents: none among five seeds.
            let output = try step.finish(members: members.map { mapped[$0].document }, canonical: canonical, lineCounts: [:])
            documents += output.documents.map { String(decoding: $0.dropLast(), as: UTF8.self) }
            articles.append(String(decoding: output.article.dropLast(), as: UTF8.self))
        }
        #expect(Set(assigned.map(\.story)).count == 3)
        #expect(documents.sorted() == (try cleanLines("documents.jsonl")).sorted())
        #expect(articles.sorted() == (try cleanLines("articles.jsonl")).sorted())
    }

    /// The counts given once (`story --line-counts`) stand beside a request's own: a line of a
    /// member counted across the dump in them alone is removed.
    @Test func sharedLineCountsApplyToEveryRequest() throws {
        let mapped = try mapSeeds()[0]
        let text = try #require(JSONParser.parse(String(decoding: mapped.document, as: UTF8.self)).objectValue?["text"]?.stringValue)
        let line = try #require(text.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) })
        let key = try #require(LineCounts.keys(of: String(line)).first)
        let request = try #require(
            JSONParser.parse(JSONWriter.string(.object(JSONObject([("canonical", 0), ("members", .array([.string(String(decoding: mapped.document, as: UTF8.self))])), ("line_counts", .array([]))]))))
                .objectValue)
        func removed(_ step: StoryStep) throws -> Bool {
            let document = try #require(try step.answer(request)?.objectValue?["documents"]?.arrayValue?.first?.stringValue)
            return try #require(JSONParser.parse(document).objectValue?["text"]?.stringValue).contains(line) == false
        }
        let step = try StoryStep()
        #expect(try !removed(step))
        step.lineCounts = [key: LineCounts.Count(documents: 100, stories: 50)]
        #expect(try removed(step))
    }

    @Test func aStoryAloneGetsTheAssignmentOfTheWholeDump() throws {
        let signatures = try mapSeeds().map(\.signature)
        let whole = StoryAssigner.assign(signatures, oversizedKeys: [])
        for story in Set(whole.map(\.story)) {
            let members = signatures.indices.filter { whole[$0].story == story }
            let alone = StoryAssigner.assign(members.map { signatures[$0] }, oversizedKeys: [])
            #expect(alone.map(\.story) == members.map { whole[$0].story })
            #expect(alone.map(\.canonical) == members.map { whole[$0].canonical })
        }
    }

    /// Buckets named oversized pair their members only with the few that rank first in them
    /// (`StoryGrouper.oversizedPivots`): with fewer seeds than that, every pair is made, and the
    /// stories are those of buckets that are not oversized.
    @Test func oversizedBucketsPairTheirMembersWithTheFirstRanked() throws {
        let signatures = try mapSeeds().map(\.signature)
        #expect(signatures.count <= StoryGrouper.oversizedPivots)
        let allKeys = Set(signatures.flatMap(\.bucketKeys))
        let assigned = StoryAssigner.assign(signatures, oversizedKeys: allKeys)
        let plain = StoryAssigner.assign(signatures, oversizedKeys: [])
        #expect(assigned.map(\.story) == plain.map(\.story))
        #expect(assigned.map(\.canonical) == plain.map(\.canonical))
        #expect(Set(assigned.map(\.story)).count < signatures.count)
    }

    @Test func signaturesReadBackAsWritten() throws {
        for signature in try mapSeeds().map(\.signature) {
            let read = try #require(StorySignature(json: signature.json))
            #expect(JSONWriter.string(read.json) == JSONWriter.string(signature.json))
        }
        #expect(StorySignature(json: .object(JSONObject([("id", "a")]))) == nil)
    }
}
