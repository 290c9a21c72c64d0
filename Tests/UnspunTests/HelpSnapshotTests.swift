import Foundation
import Testing

/// Every help text as a user reads it, kept in `Fixtures/help/`: a change to an option or an
/// example shows up in review as a change to these files. After a deliberate change, run
/// `UNSPUN_UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshotTests` and read the diff.
@Suite struct HelpSnapshotTests {
    static let commands = ["", "normalize", "strip", "repair", "revert", "group", "clean", "map", "story", "mine", "review", "rules", "rules check", "rules test", "lm", "lm build", "lm info"]

    @Test(arguments: commands)
    func helpMatchesItsSnapshot(command: String) throws {
        let arguments = command.split(separator: " ").map(String.init) + ["--help"]
        let help = try Run(arguments).stdout
        let name = command.isEmpty ? "unspun" : command.replacingOccurrences(of: " ", with: "-")
        let snapshot = Repo.root.appendingPathComponent("Fixtures/help/\(name).txt")
        if ProcessInfo.processInfo.environment["UNSPUN_UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: snapshot.deletingLastPathComponent(), withIntermediateDirectories: true)
            try help.write(to: snapshot, atomically: true, encoding: .utf8)
        }
        #expect(help == (try String(contentsOf: snapshot, encoding: .utf8)), "unspun \(command) --help differs from \(snapshot.path)")
        for line in help.split(separator: "\n") where line.hasPrefix("  unspun ") {
            #expect(line.count <= 80, "an example wider than the help: \(line)")
        }
    }
}
