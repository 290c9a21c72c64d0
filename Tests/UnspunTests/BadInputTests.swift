import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// Every kind of bad input `clean` meets in a dump: each is rejected into rejects.jsonl with its
/// file, line and reason, the rest is written, and report.json adds up (read = written + rejected).
@Suite struct BadInputTests {
    struct Outcome {
        var status: Int32
        var stderr: String
        var rejects: [JSONObject]
        var report: JSONObject?
        var written: [String]
    }

    /// Runs `unspun clean` over `files` (name → bytes) in a fresh folder.
    func clean(_ files: [(String, [UInt8])], arguments: [String] = []) throws -> Outcome {
        let folder = try Repo.temporaryDirectory().appendingPathComponent("dump")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        let out = folder.deletingLastPathComponent().appendingPathComponent("out")
        let run = try Run(["clean", folder.path, "--out", out.path, "--rules", Repo.rules.directory!, "--quiet"] + arguments)
        func lines(_ name: String) -> [JSONObject] {
            let text = (try? String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)).objectValue }
        }
        return Outcome(
            status: run.status, stderr: run.stderr, rejects: lines("rejects.jsonl"), report: lines("report.json").first,
            written: lines("documents.jsonl").compactMap { $0["id"]?.stringValue })
    }

    func documentCounts(_ report: JSONObject?) -> (read: Int, written: Int, rejected: Int)? {
        guard let documents = report?["documents"]?.objectValue,
            let read = documents["read"]?.numberText.flatMap({ Int($0) }), let written = documents["written"]?.numberText.flatMap({ Int($0) }),
            let rejected = documents["rejected"]?.numberText.flatMap({ Int($0) })
        else { return nil }
        return (read, written, rejected)
    }

    static let story = "The council voted on Tuesday to rebuild the bridge. Work starts in May and should take two years."

    func record(_ id: String, _ text: String = story) -> String {
        JSONWriter.string(.object(JSONObject([("id", .string(id)), ("text", .string(text))])))
    }

    @Test func everyBadRecordIsRejectedWithItsPlaceAndReason() throws {
        let good = [record("a"), record("b", "A second story, about the harbour, runs here in full.")]
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let hugeMetadata = "{\"id\":\"wide\",\"text\":\"\(Self.story)\",\"metadata\":{\"tags\":[" + (0..<200_000).map(String.init).joined(separator: ",") + "]}}"
        var mixed = Array((good.joined(separator: "\n") + "\n").utf8)
        mixed += Array("{\"id\":\"latin\",\"text\":\"caf".utf8) + [0xE9] + Array("\"}\n".utf8)  // line 3: not UTF-8
        mixed += Array("{\"id\":\"nul\",\"text\":\"a".utf8) + [0x00] + Array("b\"}\n".utf8)  // line 4: raw NUL
        mixed += Array("\(record("empty", "  \n "))\n".utf8)  // line 5: blank text
        mixed += Array("{\"id\":\"deep\",\"text\":\"x\",\"metadata\":{\"x\":\(deep)}}\n".utf8)  // line 6: nesting
        mixed += Array("\(record("a", "Another text under an id already used."))\n".utf8)  // line 7: duplicate id
        mixed += Array("\(hugeMetadata)\n".utf8)  // line 8: fine, wide
        mixed += Array("{\"id\":\"cut\",\"text\":\"no end".utf8)  // line 9: truncated JSON
        let outcome = try clean([
            ("mixed.jsonl", mixed),
            ("binary.txt", Array("GIF89a".utf8) + [0x00, 0x01, 0x02, 0xFF]),
            ("empty.txt", []),
            ("latin1.txt", Array("Caf".utf8) + [0xE9, 0x0A]),
            ("notes.pdf", Array("%PDF-1.4".utf8)),
        ])
        #expect(outcome.status == 3, "\(outcome.stderr)")
        func reason(_ file: String, line: Int) -> String? {
            outcome.rejects.first { ($0["file"]?.stringValue ?? "").hasSuffix(file) && $0["line"]?.numberText == String(line) }?["reason"]?.stringValue
        }
        let latinOffset = "{\"id\":\"latin\",\"text\":\"caf".utf8.count + 1
        #expect(reason("mixed.jsonl", line: 3)?.contains("not valid UTF-8 at byte \(latinOffset)") == true)
        #expect(reason("mixed.jsonl", line: 4)?.contains("control character in a string") == true)
        #expect(reason("mixed.jsonl", line: 6)?.contains("nesting deeper than") == true)
        #expect(reason("mixed.jsonl", line: 7)?.contains("duplicate id") == true)
        #expect(reason("mixed.jsonl", line: 9)?.contains("not valid JSON") == true)
        #expect(reason("binary.txt", line: 1)?.contains("binary data (NUL byte)") == true)
        #expect(reason("empty.txt", line: 0)?.contains("empty input") == true)
        #expect(reason("latin1.txt", line: 1)?.contains("--encoding") == true)
        // A blank text is not damage: it is written as it came and counted.
        #expect(outcome.written == ["a", "b", "empty", "wide"])
        #expect(outcome.report?["blank_texts"] == JSONValue(1))
        let counts = try #require(documentCounts(outcome.report))
        #expect(counts.read == 12 && counts.written == 4 && counts.rejected == 8)
        #expect(counts.read == counts.written + counts.rejected)
        let skipped = outcome.report?["skipped_files"]?.arrayValue?.compactMap { $0.objectValue?["path"]?.stringValue } ?? []
        #expect(skipped.map { URL(fileURLWithPath: $0).lastPathComponent } == ["notes.pdf"])
    }

    @Test func hundredMegabyteLineIsRejectedUnreadAndTheRestGoesOn() throws {
        let sentence = "The quick brown fox jumps over the lazy dog. "
        let big = Array(("{\"id\":\"big\",\"text\":\"" + String(repeating: sentence, count: (100 << 20) / sentence.utf8.count + 1) + "\"}\n").utf8)
        let outcome = try clean([("dump.jsonl", Array("\(record("before"))\n".utf8) + big + Array("\(record("after", "The last story is short but real."))\n".utf8))])
        #expect(outcome.status == 3)
        #expect(outcome.rejects.count == 1)
        #expect(outcome.rejects.first?["line"]?.numberText == "2")
        #expect(outcome.rejects.first?["reason"]?.stringValue?.contains("over the 64 MB limit (raise it with --max-record-mb)") == true)
        #expect(outcome.written == ["before", "after"])
        let counts = try #require(documentCounts(outcome.report))
        #expect(counts.read == 3 && counts.read == counts.written + counts.rejected)
    }

    @Test func truncatedGzipKeepsWhatCameBeforeTheCut() throws {
        let directory = try Repo.temporaryDirectory()
        let plain = directory.appendingPathComponent("d.jsonl")
        try
            ((1...3000).map { record("r\($0)", "Story number \($0) tells of a town, a river and \($0 % 97) bridges.") }
            .joined(separator: "\n") + "\n").write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: plain.path + ".gz"))
        let outcome = try clean([("cut.jsonl.gz", Array(bytes.prefix(bytes.count * 2 / 3)))])
        #expect(outcome.status == 3)
        #expect(outcome.rejects.count == 1)
        #expect(outcome.rejects.first?["reason"]?.stringValue?.contains("truncated gzip stream") == true)
        let counts = try #require(documentCounts(outcome.report))
        #expect(counts.written > 1000 && counts.written < 3000)
        #expect(counts.read == counts.written + counts.rejected)
    }

    @Test func ruleFileWithASyntaxErrorStopsEverything() throws {
        let (book, path) = try Repo.rulesFolder(file: "strip.rules", contents: "rule: broken\nkind: share\nthis line has no colon\n")
        let out = try Repo.temporaryDirectory().appendingPathComponent("out")
        let run = try Run(["clean", Repo.seeds.path, "--out", out.path, "--rules", book.directory!])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(path):3: expected 'key: value'"), "\(run.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).isEmpty)
    }

    @Test func outputFolderThatCannotBeCreatedIsNamed() throws {
        let file = try Repo.temporaryDirectory().appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let run = try Run(["clean", Repo.seeds.path, "--out", file.appendingPathComponent("out").path, "--rules", Repo.rules.directory!])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(file.path)/out: cannot create the output folder"), "\(run.stderr)")
    }

    /// A full disk, simulated by a file size limit (`ulimit -f`): the run stops with the cause
    /// and a checkpoint, no output poses as complete, and --resume finishes it once there is room.
    @Test(.enabled(if: !Repo.underThreadSanitizer, "ThreadSanitizer's runtime dies under ulimit -f"))
    func fullDiskStopsResumablyAndResumeFinishes() throws {
        let dump = try ResumeTests.makeDump(count: 300)
        let out = try Repo.temporaryDirectory().appendingPathComponent("out")
        let limited = try Run(
            ["clean", dump.path, "--out", out.path, "--rules", Repo.rules.directory!, "--quiet", "--batch-size", "20"],
            fileSizeLimit: 512)
        #expect(limited.status == 1)
        #expect(limited.stderr.contains("write failed: File too large"), "\(limited.stderr)")
        #expect(limited.stderr.contains("--resume"))
        for name in ResumeTests.outputs { #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)") }
        let resumed = try Run(["clean", dump.path, "--out", out.path, "--rules", Repo.rules.directory!, "--quiet", "--resume"])
        #expect(resumed.status == 3)
        let counts = try #require(documentCounts(try JSONParser.parse(String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)).objectValue))
        #expect(counts.read == 302 && counts.written == 300 && counts.rejected == 2)
    }

    @Test func fullStandardOutputIsAnError() throws {
        let run = try Run(["normalize", Repo.seeds.path], output: FileHandle(forWritingAtPath: "/dev/full"))
        #expect(run.status == 1)
        #expect(run.stderr.contains("unspun: error: <stdout>: write failed: No space left on device"), "\(run.stderr)")
    }
}
