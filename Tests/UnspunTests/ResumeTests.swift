import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// `clean --resume`: a run killed mid-way (kill -9) and resumed ends with the same files as a
/// run that was never interrupted.
@Suite(.serialized) struct ResumeTests {
    /// A dump of `count` records made from the seeds (each with its own closing sentence, every
    /// seventh a verbatim copy of an earlier one), with two bad lines among them.
    static func makeDump(count: Int) throws -> URL {
        let seeds = try Repo.seedNames.map { try Repo.seed(String($0.prefix(3))).text }
        var lines: [String] = []
        for index in 0..<count {
            let source = index % 7 == 6 ? index - 3 : index
            let text = seeds[source % seeds.count] + "\n\nRecord \(source) closes with its own sentence number \(source * 7919 % 1000)."
            lines.append(JSONWriter.string(.object(JSONObject([("id", .string("doc-\(index)")), ("text", .string(text))]))))
            if index == count / 3 { lines.append("{\"id\": \"broken\", \"text\": ") }
            if index == count / 2 { lines.append("{\"id\": \"no-text\"}") }
        }
        let url = try Repo.temporaryDirectory().appendingPathComponent("dump.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let outputs = ["documents.jsonl", "articles.jsonl", "rejects.jsonl", "report.json"]

    /// Starts `clean` over `dump` and kills it (-9) once `when` holds; whether it was still running.
    static func killClean(_ dump: URL, _ out: URL, batchSize: Int, when: () -> Bool) throws -> Bool {
        let process = Process()
        process.executableURL = Repo.binary
        process.arguments = ["clean", dump.path, "--out", out.path, "--rules", Repo.rules.directory!, "--quiet", "--batch-size", String(batchSize)]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, !when(), Date() < deadline { usleep(500) }
        let running = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return running && process.terminationReason == .uncaughtSignal
    }

    /// Records read by the batches a checkpoint covers (0 when there is none yet).
    static func recordsCheckpointed(_ checkpoint: URL) -> Int {
        guard let text = try? String(contentsOf: checkpoint, encoding: .utf8), let saved = try? JSONParser.parse(text).objectValue,
            let read = saved["report"]?.objectValue?["documents"]?.objectValue?["read"]?.numberText
        else { return 0 }
        return Int(read) ?? 0
    }

    @Test func killedRunResumesToTheSameOutput() throws {
        let dump = try Self.makeDump(count: 600)
        let whole = try Repo.temporaryDirectory().appendingPathComponent("whole")
        let uninterrupted = try Run(["clean", dump.path, "--out", whole.path, "--rules", Repo.rules.directory!, "--quiet"])
        #expect(uninterrupted.status == 3, "two records are rejected: \(uninterrupted.stderr)")

        let out = try Repo.temporaryDirectory().appendingPathComponent("killed")
        // Kill it as soon as pass 1 has checkpointed a batch (of 40).
        let checkpoint = out.appendingPathComponent(".checkpoint.json")
        let killedMidway = try Self.killClean(dump, out, batchSize: 40) { Self.recordsCheckpointed(checkpoint) > 0 }
        try #require(killedMidway, "the run ended before it could be killed; make the dump larger")
        let saved = try JSONParser.parse(String(contentsOf: checkpoint, encoding: .utf8)).objectValue
        #expect(saved?["cleaned"] == .bool(false), "killed in pass 1")
        // Nothing half-written stands under a final name.
        for name in Self.outputs { #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)") }

        let resumed = try Run(["clean", dump.path, "--out", out.path, "--rules", Repo.rules.directory!, "--quiet", "--resume"])
        #expect(resumed.status == 3, "\(resumed.stderr)")
        for name in Self.outputs {
            let expected = try Data(contentsOf: whole.appendingPathComponent(name))
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == expected, "\(name) differs after resuming")
        }
        let report = try #require(try JSONParser.parse(String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)).objectValue)
        #expect(report["documents"] == .object(JSONObject([("read", 602), ("written", 600), ("rejected", 2)])))
        #expect(!FileManager.default.fileExists(atPath: checkpoint.path))
    }

    @Test func resumeSaysWhyItCannot() throws {
        let dump = try Self.makeDump(count: 20)
        let out = try Repo.temporaryDirectory().appendingPathComponent("out")
        let nothing = try Run(["clean", dump.path, "--out", out.path, "--rules", Repo.rules.directory!, "--resume"])
        #expect(nothing.status == 1 && nothing.stderr.contains("nothing to resume: no interrupted run here"), "\(nothing.stderr)")
        _ = try Run(["clean", dump.path, "--out", out.path, "--rules", Repo.rules.directory!, "--quiet"])
        let finished = try Run(["clean", dump.path, "--out", out.path, "--rules", Repo.rules.directory!, "--resume"])
        #expect(finished.stderr.contains("nothing to resume: this folder holds a finished run"), "\(finished.stderr)")
    }

    @Test func resumeRefusesOtherInputs() throws {
        let dump = try Self.makeDump(count: 20)
        let out = try Repo.temporaryDirectory()
        var options = DumpCleaner.Options()
        options.rules = Repo.rules
        let checkpoint = Checkpoint(fingerprint: "{\"inputs\":[\"elsewhere.jsonl\"]}", cleaned: false, spoolBytes: 0, rejectsBytes: 0, report: CleanReport())
        try checkpoint.save(in: OutputFolder(out.path))
        options.resume = true
        let error = #expect(throws: OutputError.self) { try DumpCleaner(options: options).run(inputs: [dump.path], outputDirectory: out.path) }
        #expect(error?.reason.contains("the interrupted run had other inputs or options") == true)
    }
}

/// The moments a kill cannot be timed to by hand, made exact through the library: the folder is
/// copied as it stands when pass 1 has ended (spool and rejects complete, checkpoint saved), then
/// resumed from that copy.
@Suite struct ResumeAfterPassOneTests {
    func snapshotAtGrouping(_ dump: URL) throws -> (finished: URL, snapshot: URL, options: DumpCleaner.Options) {
        var options = DumpCleaner.Options()
        options.rules = Repo.rules
        let finished = try Repo.temporaryDirectory().appendingPathComponent("out")
        let snapshot = try Repo.temporaryDirectory().appendingPathComponent("snapshot")
        var copied = false
        _ = try DumpCleaner(options: options).run(inputs: [dump.path], outputDirectory: finished.path) { progress in
            guard progress.step == .grouping, !copied else { return }
            copied = true
            try? FileManager.default.copyItem(at: finished, to: snapshot)
        }
        return (finished, snapshot, options)
    }

    func resumeMatches(_ snapshot: URL, _ finished: URL, dump: URL, options: DumpCleaner.Options) throws {
        var resuming = options
        resuming.resume = true
        _ = try DumpCleaner(options: resuming).run(inputs: [dump.path], outputDirectory: snapshot.path)
        for name in ResumeTests.outputs {
            #expect(try Data(contentsOf: snapshot.appendingPathComponent(name)) == Data(contentsOf: finished.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func killedInPassTwoRedoesOnlyPassTwo() throws {
        let dump = try ResumeTests.makeDump(count: 60)
        let (finished, snapshot, options) = try snapshotAtGrouping(dump)
        #expect(FileManager.default.fileExists(atPath: snapshot.appendingPathComponent(".spool.jsonl").path))
        try resumeMatches(snapshot, finished, dump: dump, options: options)
    }

    @Test func fileFinishedBeforeItsCheckpointIsResumed() throws {
        let dump = try ResumeTests.makeDump(count: 60)
        let (finished, snapshot, options) = try snapshotAtGrouping(dump)
        // As if killed after the spool and rejects were renamed into place but before the
        // checkpoint said pass 1 was over.
        let checkpoint = snapshot.appendingPathComponent(".checkpoint.json")
        let saved = try String(contentsOf: checkpoint, encoding: .utf8)
        #expect(saved.contains("\"cleaned\":true"))
        try saved.replacingOccurrences(of: "\"cleaned\":true", with: "\"cleaned\":false").write(to: checkpoint, atomically: true, encoding: .utf8)
        try resumeMatches(snapshot, finished, dump: dump, options: options)
    }
}
