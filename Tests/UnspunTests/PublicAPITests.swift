import Foundation
import Testing
import Unspun

/// A stage of the user's own, written against the public API only (no `@testable`): it replaces
/// e-mail addresses with `[email]` and records each change, as the built-in stages do.
final class MaskEmails: Stage {
    let name = "mask-emails"

    func process(_ document: inout Document) throws(StageError) {
        let words = document.text.split(separator: " ", omittingEmptySubsequences: false)
        var edits: [Edit] = []
        var offset = 0
        for word in words {
            let length = word.utf8.count
            if word.contains("@"), word.contains(".") {
                edits.append(Edit(stage: name, rule: "email", start: offset, end: offset + length, before: String(word), after: "[email]"))
            }
            offset += length + 1
        }
        guard !edits.isEmpty else { return }
        document.text = EditLog.apply(edits, to: document.text)
        document.edits.append(contentsOf: edits)
    }
}

/// The library as another package sees it: recipes, a stage of one's own in `BatchRunner` and
/// in `DumpCleaner`, and the errors a recipe can raise.
@Suite struct PublicAPITests {
    static let mask = CustomStage(name: "mask-emails") { _ in MaskEmails() }

    func dump(_ lines: [String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unspun-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("dump.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    func records(_ url: URL) throws -> [[String: Any]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func aCustomStageRunsInsideClean() throws {
        let input = try dump([
            #"{"id": "a", "text": "Write to press@example.org for the full statement."}"#,
            #"{"id": "b", "text": "Markets rose at the fastest pace since 2022, traders said."}"#,
        ])
        var options = DumpCleaner.Options()
        options.rules = Repo.rules
        options.stages = [StageKind.normalize, Self.mask, StageKind.repair]
        options.jobs = 2
        let out = input.deletingLastPathComponent().appendingPathComponent("out")
        let report = try DumpCleaner(options: options).run(inputs: [input.path], outputDirectory: out.path)
        #expect(report.read == 2 && report.written == 2 && report.rejected == 0)
        #expect(report.editsByStageAndRule["mask-emails/email"] == 1)
        let documents = try records(out.appendingPathComponent("documents.jsonl"))
        let masked = try #require(documents.first { $0["id"] as? String == "a" })
        #expect(masked["text"] as? String == "Write to [email] for the full statement.")
        let edits = try #require((masked["metadata"] as? [String: Any])?["edits"] as? [[String: Any]])
        #expect(edits.contains { $0["stage"] as? String == "mask-emails" && $0["before"] as? String == "press@example.org" })
    }

    @Test func batchRunnerGivesTheSameResultsOnAnyNumberOfThreads() throws {
        let documents = (0..<100).map { Document(id: "\($0)", text: "Mail desk\($0)@example.com or take a seat down, item \($0).") }
        func texts(jobs: Int) throws -> [String] {
            let runner = try BatchRunner(jobs: jobs, recipes: [StageKind.normalize, Self.mask, StageKind.repair], rules: Repo.rules)
            return try runner.run(documents).map { try $0.get().text }
        }
        let one = try texts(jobs: 1)
        #expect(one[7] == "Mail [email] or sit down, item 7.")
        #expect(try texts(jobs: 3) == one)
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "the model server is down" }
    }

    @Test func aRecipeThatCannotBuildItsStageNamesItself() throws {
        let broken = CustomStage(name: "classify") { _ in throw Unavailable() }
        #expect {
            _ = try Pipeline([StageKind.normalize, broken])
        } throws: { error in
            (error as? PipelineError)?.description == "cannot build stage classify: the model server is down"
        }
    }

    @Test func theResumeFingerprintComesFromTheRecipes() throws {
        let input = try dump([#"{"id": "a", "text": "One line, press@example.org."}"#])
        let folder = input.deletingLastPathComponent()
        func recipe(_ version: String) -> CustomStage { CustomStage(name: "mask-emails", fingerprint: "mask-emails \(version)") { _ in MaskEmails() } }
        var options = DumpCleaner.Options()
        options.rules = Repo.rules
        options.stages = [recipe("v1")]
        // The folder as a kill after pass 1 leaves it, copied twice.
        let stopped = ["changed", "same"].map { folder.appendingPathComponent($0) }
        _ = try DumpCleaner(options: options).run(inputs: [input.path], outputDirectory: folder.appendingPathComponent("out").path) { progress in
            guard progress.step == .grouping else { return }
            for copy in stopped { try? FileManager.default.copyItem(at: folder.appendingPathComponent("out"), to: copy) }
        }
        options.resume = true
        options.stages = [recipe("v2")]
        #expect(throws: (any Error).self) { _ = try DumpCleaner(options: options).run(inputs: [input.path], outputDirectory: stopped[0].path) }
        options.stages = [recipe("v1")]
        let report = try DumpCleaner(options: options).run(inputs: [input.path], outputDirectory: stopped[1].path)
        #expect(report.written == 1)
    }
}
