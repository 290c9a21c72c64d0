public import ArgumentParser
import Foundation
import Unspun

/// What every record-processing subcommand reads.
struct RecordOptions: ParsableArguments {
    @Argument(help: "Files or directories to read (.jsonl, .jsonl.gz, .txt, .txt.gz); none or '-' reads standard input.")
    var inputs: [String] = []

    @Option(help: "Both --input-format and --output-format at once (clean: the input's).")
    var format: RecordFormat = .auto

    @Option(
        help: """
            Format of standard input and of files whose name does not tell: auto (JSONL when the \
            first non-space byte is '{'), jsonl or text.
            """)
    var inputFormat: RecordFormat?

    @Option(help: "Encoding of the input: utf-8, latin-1 or windows-1252. Input that is not valid in it is rejected, never guessed.")
    var encoding: TextEncoding = .utf8

    @Flag(help: "Let through texts that look like HTML (otherwise rejected: extract their text first).")
    var allowMarkup = false

    @Option(help: "Reject records longer than this many megabytes without holding them.")
    var maxRecordMb = RecordReader.defaultMaximumRecordBytes >> 20

    @Option(help: "Worker threads for the per-document stages (default: the number of cores). Output is identical for any value.")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxRecordMb < 1 || maxRecordMb > Self.largestRecordMb {
            throw ValidationError("--max-record-mb must be from 1 to \(Self.largestRecordMb) (a record is held in memory whole)")
        }
        if inputs.isEmpty, isatty(STDIN_FILENO) != 0 {
            throw ValidationError("no input: give files or folders, or pipe records into standard input (see --help)")
        }
    }

    /// 1 TB: far beyond any memory here, and far from overflowing a byte count.
    static let largestRecordMb = 1 << 20

    var maximumRecordBytes: Int { maxRecordMb << 20 }
    var readFormat: RecordFormat { inputFormat ?? format }

    func reader() -> RecordReader {
        RecordReader(inputs: inputs, format: readFormat, encoding: encoding, maximumRecordBytes: maximumRecordBytes, allowMarkup: allowMarkup)
    }
}

/// Where a command that writes records writes them: standard output, or a file.
struct OutputFileOptions: ParsableArguments {
    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp(
            "Write to this file instead of standard output (gzip-compressed when it ends in .gz); it appears only when complete.",
            valueName: "file"))
    var output: String?

    func writer(format: RecordFormat) throws(OutputError) -> RecordWriter {
        guard let output else { return RecordWriter(format: format) }
        return try RecordWriter(path: output, format: format)
    }
}

/// How the per-document stage commands write: where, in which format, and whether they explain.
struct OutputOptions: ParsableArguments {
    @OptionGroup var file: OutputFileOptions

    @Option(
        help: """
            Format of the output: jsonl, text, or auto (that of the first input; JSONL for a \
            folder). As text, documents follow one another separated by a line holding only a form \
            feed (\\f); text keeps no metadata or change record.
            """)
    var outputFormat: RecordFormat?

    @Flag(help: "Print every change (stage, rule, before, after) on standard error.")
    var explain = false

    @Flag(
        help: """
            Answer each record before reading the next: read one record at a time and flush the \
            output after each, for a program that drives unspun through a pipe (as the Python \
            package does).
            """)
    var unbuffered = false

    func writeFormat(_ records: RecordOptions) -> RecordFormat { outputFormat ?? records.format }
}

/// The rules folder and language of the subcommands that use rules (strip, repair, clean).
struct RuleOptions: ParsableArguments {
    @Option(help: "A rules folder laid out like the repository's Rules/ (one subfolder per language). Default: $UNSPUN_RULES, then the rules unspun was installed or built with.")
    var rules: String?

    @Option(help: "Language of the rule files to use.")
    var language = "en"

    func validate() throws {
        guard let folder = rules ?? RuleBook.locateDefault() else {
            throw ValidationError(
                "no rules folder found (looked in \(RuleBook.defaultCandidates().joined(separator: ", "))); "
                    + "give --rules DIR, set UNSPUN_RULES=DIR, or install unspun with its rules (make install)")
        }
        let book = RuleBook(directory: folder)
        guard book.languageDirectory(language) != nil else {
            let languages = book.languageFolders()
            throw ValidationError(
                "no rules for language '\(language)' in \(folder); "
                    + (languages.isEmpty ? "it holds no language folders" : "languages there: \(languages.joined(separator: ", "))"))
        }
    }

    func ruleBook(repair: RepairOptions? = nil, classifier: ClassifierOptions? = nil) -> RuleBook {
        var book = RuleBook(
            directory: rules ?? RuleBook.locateDefault(), language: language, packs: repair?.packs ?? [],
            classifier: !(classifier?.noClassifier ?? false))
        repair?.restorer.apply(to: &book)
        book.pageMetadata = classifier?.pageMetadata ?? false
        book.inputKind = classifier?.inputKind.kind
        return book
    }
}

/// Repair's optional phrase packs and its spin restorer.
struct RepairOptions: ParsableArguments {
    @Option(name: .customLong("pack"), help: "Extra phrase pack for repair, e.g. 'science' for Rules/en/science.rules (repeatable).")
    var packs: [String] = []

    @OptionGroup(title: "Spin restorer (repair)")
    var restorer: RestorerOptions
}

/// Strip's line classifier (on by default) and its reading of page metadata (off by default).
struct ClassifierOptions: ParsableArguments {
    @Flag(help: "Strip with the rules alone, without the line classifier (Rules/LANG/lines.model).")
    var noClassifier = false

    @Flag(
        help: """
            Also read the page's title, authors and publication date from the text (metadata.title, \
            authors, date, date_time, updated). Finds them on about half of whole pages, is wrong on \
            3-5%, and halves strip's speed.
            """)
    var pageMetadata = false

    @Option(
        help: """
            What strip is given: 'page' (a whole page as plain text, menus and all), 'extract' (an \
            article extractor's output) or 'auto' (told apart from each text).
            """)
    var inputKind: InputKindChoice = .auto
}

/// `--input-kind`: a line model kind, or auto.
enum InputKindChoice: String, ExpressibleByArgument, CaseIterable {
    case page, extract, auto

    var kind: LineModel.Kind? { LineModel.Kind(rawValue: rawValue) }
}

extension RecordFormat: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
