public import ArgumentParser
import Foundation
import Unspun

/// Options every record-processing subcommand shares.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or directories to read (.jsonl, .jsonl.gz, .txt, .txt.gz); none or '-' reads standard input.")
    var inputs: [String] = []

    @Option(help: """
        Record format of standard input, of files whose name does not tell, and of the output: \
        auto (JSONL when the first non-space byte is '{'), jsonl or text. Under auto the output \
        takes the format of the first input (JSONL for a directory).
        """)
    var format: RecordFormat = .auto

    @Option(help: "Encoding of the input: utf-8, latin-1 or windows-1252. Input that is not valid in it is rejected, never guessed.")
    var encoding: TextEncoding = .utf8

    @Option(help: "A rules folder laid out like the repository's Rules/ (one subfolder per language). Default: the rules unspun was built or installed with.")
    var rules: String?

    @Option(help: "Language of the rule files to use.")
    var language = "en"

    @Option(name: .customLong("pack"), help: "Extra phrase pack for repair, e.g. 'science' for Rules/en/science.rules (repeatable).")
    var packs: [String] = []

    @OptionGroup(title: "Spin restorer (repair)")
    var restorer: RestorerOptions

    @Flag(help: "Print every change (stage, rule, before, after) on standard error.")
    var explain = false

    @Option(help: "Reject records longer than this many megabytes without reading them.")
    var maxRecordMb = RecordReader.defaultMaximumRecordBytes >> 20

    @Option(help: "Worker threads for the per-document stages (default: the number of cores). Output is identical for any value.")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxRecordMb < 1 { throw ValidationError("--max-record-mb must be at least 1") }
        if inputs.isEmpty, isatty(STDIN_FILENO) != 0 {
            throw ValidationError("no input: give files or folders, or pipe records into standard input (see --help)")
        }
        if let rules, RuleBook(directory: rules).languageDirectory(language) == nil {
            throw ValidationError("--rules \(rules): no folder '\(language)' in it")
        }
    }

    var maximumRecordBytes: Int { maxRecordMb << 20 }

    var ruleBook: RuleBook {
        var book = RuleBook(directory: rules ?? RuleBook.locateDefault(), language: language, packs: packs)
        restorer.apply(to: &book)
        return book
    }
}

extension RecordFormat: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
