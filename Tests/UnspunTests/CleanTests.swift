import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// `clean` on the seeds: grouping, canonical choice, reference repair, articles and report.
@Suite struct CleanTests {
    func clean(jobs: Int) throws -> (URL, DumpCleaner.Report) {
        var options = DumpCleaner.Options()
        options.rules = Repo.rules
        options.jobs = jobs
        let out = try Repo.temporaryDirectory()
        let report = try DumpCleaner(options: options).run(inputs: [Repo.seeds.path], outputDirectory: out.path)
        return (out, report)
    }

    func records(_ url: URL) throws -> [JSONObject] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { try #require(try JSONParser.parse(String($0)).objectValue) }
    }

    @Test func seedsFormThreeStoriesWithTheReutersCopyCanonical() throws {
        let (out, report) = try clean(jobs: 2)
        #expect(report.read == 5 && report.written == 5 && report.rejected == 0)
        let documents = try records(out.appendingPathComponent("documents.jsonl"))
        var story: [String: String] = [:]
        var canonical: [String] = []
        var texts: [String: String] = [:]
        for document in documents {
            let id = try #require(document["id"]?.stringValue)
            let metadata = try #require(document["metadata"]?.objectValue)
            story[String(id.prefix(3))] = metadata["story"]?.stringValue
            if metadata["canonical"] == .bool(true) { canonical.append(String(id.prefix(3))) }
            texts[String(id.prefix(3))] = document["text"]?.stringValue
        }
        #expect(story["000"] == story["001"] && story["001"] == story["002"])
        #expect(Set([story["001"], story["003"], story["004"]]).count == 3)
        #expect(canonical.sorted() == ["001", "003", "004"])
        let spun = try #require(texts["000"])
        #expect(spun.contains("could become the basis of future agreements to end the conflict in Ukraine"))
        #expect(spun.contains("We want to sit down and discuss this seriously"))
        #expect(try #require(texts["002"]).contains("Russia would continue fighting"))
        let articles = try records(out.appendingPathComponent("articles.jsonl"))
        #expect(articles.count == 3)
        let reuters = try #require(articles.first { $0["metadata"]?.objectValue?["members"]?.arrayValue?.count == 3 }?["metadata"]?.objectValue)
        #expect(reuters["byline"] == "Vladimir Soldatkin")
        #expect(reuters["dateline"] == .object(JSONObject([("place", "BISHKEK"), ("agency", "Reuters")])))
        let reportJSON = try #require(try JSONParser.parse(String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)).objectValue)
        #expect(reportJSON["documents"] == .object(JSONObject([("read", 5), ("written", 5), ("rejected", 0)])))
        for hidden in [".spool.jsonl", ".checkpoint.json"] { #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(hidden).path)) }
    }

    @Test func outputIsByteIdenticalWhateverTheThreadCount() throws {
        let (one, _) = try clean(jobs: 1)
        let (two, _) = try clean(jobs: 2)
        for name in ["documents.jsonl", "articles.jsonl", "report.json"] {
            #expect(try Data(contentsOf: one.appendingPathComponent(name)) == Data(contentsOf: two.appendingPathComponent(name)), "\(name) differs")
        }
    }

    @Test func changeRecordRebuildsEverySeed() throws {
        let (out, _) = try clean(jobs: 2)
        for document in try records(out.appendingPathComponent("documents.jsonl")) {
            let id = try #require(document["id"]?.stringValue)
            let cleaned = Document(id: id, text: try #require(document["text"]?.stringValue), metadata: try #require(document["metadata"]?.objectValue))
            let original = try String(contentsOf: Repo.seeds.appendingPathComponent(id), encoding: .utf8)
            #expect(EditLog.rebuildOriginal(text: cleaned.text, edits: cleaned.allEdits) == original, "\(id)")
        }
    }
}

@Suite struct MineTests {
    @Test func substitutionsBecomeRulesThatPassTheirOwnExamples() throws {
        var miner = SubstitutionMiner()
        miner.add(spunSentence: "He said that a replica had been transmitted to Moscow.", originalSentence: "He said that a copy had been transmitted to Moscow.")
        miner.add(spunSentence: "A replica of the plan was sent to Kyiv on Friday.", originalSentence: "A copy of the plan was sent to Kyiv on Friday.")
        miner.add(spunSentence: "The US wanted peace.", originalSentence: "The United States wanted peace.")
        let candidates = miner.candidates()
        let top = try #require(candidates.first)
        #expect(top.spun == "replica" && top.original == "copy" && top.count == 2)
        // Names are an editor's business: "US" for "United States" is not mined.
        #expect(!candidates.contains { $0.spun == "us" })
        let (book, _) = try Repo.rulesFolder(file: "mined.rules", contents: try miner.rulesText())
        let summary = try RuleExamples.run(book)
        #expect(summary.rules == 1)
        #expect(summary.failures.isEmpty, "\(summary.failures)")
    }

    /// The cleaning step's share done counts compressed bytes for a .gz input (the files' sizes
    /// are compressed too): it rises to exactly 1 and never past it, though the reader runs a
    /// batch ahead of the records being committed.
    @Test func progressOfAGzipInputEndsAtOne() throws {
        let directory = try Repo.temporaryDirectory()
        let plain = directory.appendingPathComponent("d.jsonl")
        // About 3 MB that compresses poorly, so that the reader's 1 MB chunks end inside the file.
        let lines = (1...2000).map { line in
            let numbers = (0..<200).map { String((line &* 2_654_435_761 &+ $0 &* 40_503) % 1_000_003) }
            return "{\"id\":\"\(line)\",\"text\":\"Story \(line): \(numbers.joined(separator: " ")).\"}"
        }
        try (lines.joined(separator: "\n") + "\n").write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        var options = DumpCleaner.Options()
        options.rules = Repo.rules
        options.batchSize = 200
        options.stages = [StageKind.normalize]
        var fractions: [Double] = []
        _ = try DumpCleaner(options: options).run(inputs: [plain.path + ".gz"], outputDirectory: directory.appendingPathComponent("out").path) { progress in
            if progress.step == .cleaning, let fraction = progress.fraction { fractions.append(fraction) }
        }
        #expect(fractions.count == 10)
        #expect(fractions == fractions.sorted())
        #expect(fractions.first.map { $0 > 0 && $0 < 1 } == true)
        #expect(fractions.last == 1)
    }
}
