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
              0   success
              1   an output could not be written, or an input could not be opened
              2   a rule file is malformed (file and line on standard error)
              3   some records were rejected (each named on standard error); the rest were written
              4   the stage is not implemented yet
              64  the command line is wrong
            """,
        subcommands: [
            NormalizeCommand.self, StripCommand.self, RepairCommand.self, GroupCommand.self, CleanCommand.self, RevertCommand.self,
            MineCommand.self, RulesCommand.self, LMCommand.self,
        ]
    )

    static func main() {
        // Past a file size limit (ulimit -f) a write then fails with EFBIG and is reported like a
        // full disk, leaving a resumable run, instead of the signal killing the process.
        signal(SIGXFSZ, SIG_IGN)
        main(nil)
    }
}

/// Exit codes shared by every subcommand (listed in `unspun --help`).
enum Exit {
    static let failure = ExitCode(1)
    static let badRules = ExitCode(2)
    static let rejected = ExitCode(3)
    static let notImplemented = ExitCode(4)
}
