import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// The `unspun` binary as a user meets it: exit codes, messages, pipes.
@Suite struct CommandLineTests {
    @Test func normalizeExplainsEachChange() throws {
        let run = try Run(["normalize", "--explain"], input: Data("It\u{E2}\u{20AC}\u{2122}s\r\n&amp; done\u{A0}".utf8))
        #expect(run.status == 0)
        #expect(run.stdout == "It’s\n& done")
        #expect(run.stderr.contains("normalize/mojibake"))
        #expect(run.stderr.contains("normalize/line-ending"))
        #expect(run.stderr.contains("normalize/html-entity"))
    }

    @Test func badLinesAreRejectedByFileAndLineAndTheRestWritten() throws {
        let directory = try Repo.temporaryDirectory()
        let path = directory.appendingPathComponent("mixed.jsonl").path
        try "{\"id\":\"a\",\"text\":\"ok\"}\n{broken\n{\"id\":\"c\",\"text\":7}\n{\"id\":\"d\",\"text\":\"fine\"}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let run = try Run(["normalize", path])
        #expect(run.status == 3)
        #expect(run.stdout.split(separator: "\n").count == 2)
        #expect(run.stderr.contains("\(path):2: not valid JSON"))
        #expect(run.stderr.contains("\(path):3 (id c): \"text\" must be a string"))
        #expect(run.stderr.contains("2 rejected (records, or inputs that could not be read)"))
    }

    @Test func cleanWritesItsFilesAndASummary() throws {
        let out = try Repo.temporaryDirectory().appendingPathComponent("out").path
        let run = try Run(["clean", Repo.seeds.path, "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("5 read, 5 written, 0 rejected; 3 stories"))
        // The summary says where the time went, step by step.
        #expect(
            run.stderr.range(of: #"MB/s: cleaning \d+\.\d s, grouping \d+\.\d s, writing \d+\.\d s\)"#, options: .regularExpression) != nil,
            "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["articles.jsonl", "documents.jsonl", "line-counts.tsv", "rejects.jsonl", "report.json"])
    }

    @Test func stagesComposeThroughPipes() throws {
        let first = try Run(["normalize"], input: Data("{\"id\":\"x\",\"text\":\"take a seat  down\"}\n".utf8))
        let second = try Run(["repair"], input: Data(first.stdout.utf8))
        #expect(second.status == 0)
        let record = try #require(try JSONParser.parse(second.stdout.trimmingCharacters(in: .newlines)).objectValue)
        #expect(record["text"] == "sit down")
        let edits = try #require(record["metadata"]?.objectValue?["edits"]?.arrayValue)
        #expect(edits.compactMap { $0.objectValue?["stage"]?.stringValue } == ["normalize", "repair"])
        let document = Document(id: "x", text: "sit down", metadata: try #require(record["metadata"]?.objectValue))
        #expect(EditLog.rebuildOriginal(text: "sit down", edits: document.allEdits) == "take a seat  down")
    }

    /// A counts file holds only the lines that passed its run's thresholds, so `story` refuses
    /// looser ones (they would miss lines) and takes the same or stricter ones.
    @Test func storyRefusesThresholdsLooserThanItsCountsFile() throws {
        let path = try Repo.temporaryDirectory().appendingPathComponent("line-counts.tsv").path
        try LineCounts(counts: [0xABC: .init(documents: 9, stories: 7)]).write(to: path)
        let looser = try Run(["story", "--line-counts", path, "--repeated-stories", "2"], input: Data())
        #expect(looser.status == 64)
        #expect(looser.stderr.contains("--repeated-documents 5 --repeated-stories 3"), "\(looser.stderr)")
        let off = try Run(["story", "--line-counts", path, "--no-repeated-lines"], input: Data())
        #expect(off.status == 64)
        #expect(off.stderr.contains("cannot go with --no-repeated-lines"))
        let stricter = try Run(["story", "--line-counts", path, "--repeated-documents", "6"], input: Data())
        #expect(stricter.status == 0, "\(stricter.stderr)")
    }

    @Test func rulesTestPasses() throws {
        let run = try Run(["rules", "test"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(" passed, 0 failed"))
    }
}
