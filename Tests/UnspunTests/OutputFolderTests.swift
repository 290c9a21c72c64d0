import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// One run per output folder, and every run resumable: the folder is locked, a checkpoint exists
/// from the first moment, an earlier run's outputs never pose as this one's, a changed input is
/// never resumed from an old spool, and a reader that goes away ends a stage quietly.
@Suite(.serialized) struct OutputFolderTests {
    func clean(_ input: URL, _ out: URL, _ extra: [String] = [], fileSizeLimit: Int? = nil) throws -> Run {
        try Run(["clean", input.path, "--out", out.path, "--rules", Repo.rules.directory!, "--quiet"] + extra, fileSizeLimit: fileSizeLimit)
    }

    @Test func aRunKilledBeforeItsFirstBatchResumesFromRecordZero() throws {
        let dump = try ResumeTests.makeDump(count: 400)
        let whole = try Repo.temporaryDirectory().appendingPathComponent("whole")
        #expect(try clean(dump, whole).status == 3)
        let out = try Repo.temporaryDirectory().appendingPathComponent("killed")
        let checkpoint = out.appendingPathComponent(".checkpoint.json")
        let killed = try ResumeTests.killClean(dump, out, batchSize: 400) { FileManager.default.fileExists(atPath: checkpoint.path) }
        try #require(killed, "the run ended before it could be killed")
        #expect(ResumeTests.recordsCheckpointed(checkpoint) == 0, "killed before the first batch was checkpointed")
        let resumed = try clean(dump, out, ["--resume"])
        #expect(resumed.status == 3, "\(resumed.stderr)")
        for name in ResumeTests.outputs {
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == Data(contentsOf: whole.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func aSecondRunOnTheSameFolderIsRefusedWithTheHoldersProcess() throws {
        let out = try Repo.temporaryDirectory().appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let descriptor = open(out.appendingPathComponent(".lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        _ = Foundation.write(descriptor, "4242\n", 5)
        let refused = try clean(Repo.seeds, out)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("another unspun clean (process 4242) is writing to this folder"), "\(refused.stderr)")
        close(descriptor)
        #expect(try clean(Repo.seeds, out).status == 0)
    }

    @Test(.enabled(if: !Repo.underThreadSanitizer, "ThreadSanitizer's runtime dies under ulimit -f"))
    func aNewRunRemovesTheOutputsOfAnEarlierOne() throws {
        let out = try Repo.temporaryDirectory().appendingPathComponent("out")
        #expect(try clean(Repo.seeds, out).status == 0)
        let dump = try ResumeTests.makeDump(count: 300)
        let failed = try clean(dump, out, ["--batch-size", "20"], fileSizeLimit: 512)
        #expect(failed.status == 1, "\(failed.stderr)")
        for name in ResumeTests.outputs { #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)") }
    }

    @Test(.enabled(if: !Repo.underThreadSanitizer, "ThreadSanitizer's runtime dies under ulimit -f"))
    func resumeRefusesAnotherFileUnderTheSameName() throws {
        let dump = try ResumeTests.makeDump(count: 300)
        let out = try Repo.temporaryDirectory().appendingPathComponent("out")
        #expect(try clean(dump, out, ["--batch-size", "20"], fileSizeLimit: 512).status == 1)
        let other = try String(contentsOf: dump, encoding: .utf8).replacingOccurrences(of: "closes with", with: "ends with")
        try other.write(to: dump, atomically: true, encoding: .utf8)
        let resumed = try clean(dump, out, ["--resume"])
        #expect(resumed.status == 1)
        #expect(resumed.stderr.contains("cannot resume: the interrupted run had other inputs or options"), "\(resumed.stderr)")
    }

    @Test func rejectsReachTheirNameOnlyWithTheOtherOutputs() throws {
        let dump = try ResumeTests.makeDump(count: 60)
        let out = try Repo.temporaryDirectory().appendingPathComponent("out")
        var options = DumpCleaner.Options()
        options.rules = Repo.rules
        var seenWhileWriting = false
        let report = try DumpCleaner(options: options).run(inputs: [dump.path], outputDirectory: out.path) { progress in
            if progress.step == .writing { seenWhileWriting = seenWhileWriting || FileManager.default.fileExists(atPath: out.appendingPathComponent("rejects.jsonl").path) }
        }
        #expect(report.rejected == 2)
        #expect(!seenWhileWriting)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("rejects.jsonl").path))
    }

    @Test func aReaderThatGoesAwayEndsTheStageQuietly() throws {
        let records = (0..<20_000).map { "{\"id\":\"r\($0)\",\"text\":\"\(InputWalkTests.story)\"}" }.joined(separator: "\n") + "\n"
        let file = try Repo.temporaryDirectory().appendingPathComponent("d.jsonl")
        try records.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = Repo.binary
        process.arguments = ["normalize", file.path]
        let pipe = Pipe()
        let errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try pipe.fileHandleForReading.close()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(errors.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }
}

/// `revert` writes the original text or rejects the record: never wrong text.
@Suite struct RevertTests {
    static func record(_ id: String, text: String, edits: String) -> String {
        "{\"id\":\"\(id)\",\"text\":\"\(text)\",\"metadata\":{\"edits\":\(edits)}}"
    }

    static func edit(start: String, end: String, before: String, after: String) -> String {
        "{\"stage\":\"strip\",\"rule\":\"r\",\"start\":\(start),\"end\":\(end),\"before\":\"\(before)\",\"after\":\"\(after)\"}"
    }

    @Test func aChangeRecordThatDoesNotFitIsRejectedWithTheReason() throws {
        let lines = [
            Self.record("good", text: "abc", edits: "[\(Self.edit(start: "1", end: "2", before: "X", after: "b"))]"),
            Self.record("float", text: "abc", edits: "[\(Self.edit(start: "2.0", end: "3", before: "z", after: "c"))]"),
            Self.record("exponent", text: "abc", edits: "[\(Self.edit(start: "1e400", end: "3", before: "z", after: "c"))]"),
            Self.record("object", text: "abc", edits: "{}"),
            Self.record("backwards", text: "abc", edits: "[\(Self.edit(start: "3", end: "2", before: "", after: "c"))]"),
            Self.record("length", text: "abc", edits: "[\(Self.edit(start: "2", end: "2", before: "zz", after: "c"))]"),
            "{\"id\":\"plain\",\"text\":\"untouched\"}",
        ]
        let run = try Run(["revert"], input: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(run.status == 3)
        let written = run.stdout.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)).objectValue }
        #expect(written.map { $0["id"]?.stringValue } == ["good", "plain"])
        #expect(written.first?["text"] == "aXc")
        for (id, reason) in [
            ("float", "edit 1 of metadata.edits is not"), ("exponent", "whole-number offsets"), ("object", "must be a list of edits, found an object"),
            ("backwards", "does not fit: start 3, end 2"), ("length", "before is 2 bytes"),
        ] {
            let line = run.stderr.split(separator: "\n").first { $0.contains("(id \(id)): revert: ") }
            #expect(line?.contains(reason) == true, "\(id): \(run.stderr)")
        }
        #expect(run.stderr.contains("1 record carried no change record (metadata.edits) and was written as read"), "\(run.stderr)")
    }
}
