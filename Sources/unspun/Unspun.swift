import ArgumentParser
import Foundation
import Unspun

@main
struct UnspunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unspun",
        abstract: "Clean scraped news: normalize text, strip boilerplate, undo spinning, group syndicated copies.",
        discussion: """
            Each stage reads JSONL records ({"id", "text", "metadata"}, the shape datatrove and Dolma use) \
            or plain-text files, and writes the same format to standard output, so stages compose with pipes:

              unspun normalize < dump.jsonl | unspun strip | unspun repair > clean.jsonl

            Every change is recorded under metadata.edits as {stage, rule, start, end, before, after} \
            (byte offsets into that stage's input); --explain prints them on standard error.

            EXIT CODES
              0   success (also when the reader of standard output stops early, as `| head` does)
              1   an output could not be written (disk full, folder not writable)
              2   a rule file is malformed (file and line on standard error)
              3   some records or inputs were rejected (a bad record, a file that cannot be
                  opened; each named on standard error); the rest were written
              64  the command line is wrong
            """,
        version: "unspun \(UnspunVersion.current)",
        subcommands: [
            NormalizeCommand.self, StripCommand.self, RepairCommand.self, GroupCommand.self, CleanCommand.self, MapCommand.self, StoryCommand.self, RevertCommand.self,
            MineCommand.self, ReviewCommand.self, RulesCommand.self, LMCommand.self,
        ]
    )

    static func main() {
        // Past a file size limit (ulimit -f) a write then fails with EFBIG and is reported like a
        // full disk, leaving a resumable run, instead of the signal killing the process; a closed
        // pipe fails a write with EPIPE, and the run stops quietly.
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        if CommandLine.arguments.dropFirst() == ["--version"] {
            print(versionReport())
            return
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as OutputError {
            if error.isClosedPipe { Foundation.exit(0) }
            Diagnostics.error(error.description)
            Foundation.exit(1)
        } catch let error as InputError {
            Diagnostics.error(error.description)
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}

extension UnspunCommand {
    /// `unspun --version`: the version, ICU's, and the rules found with each file's fingerprint.
    static func versionReport() -> String {
        var lines = ["unspun \(UnspunVersion.current) (ICU \(UnspunVersion.icu))"]
        guard let folder = RuleBook.locateDefault() else {
            return (lines + ["rules: none found (give --rules DIR or set UNSPUN_RULES)"]).joined(separator: "\n")
        }
        lines.append("rules: \(folder)")
        for (file, fingerprint) in RuleBook(directory: folder).fileFingerprints() { lines.append("  \(file) \(fingerprint)") }
        return lines.joined(separator: "\n")
    }
}

/// Exit codes shared by every subcommand (listed in `unspun --help`).
enum Exit {
    static let failure = ExitCode(1)
    static let badRules = ExitCode(2)
    static let rejected = ExitCode(3)
}
