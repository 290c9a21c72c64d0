import ArgumentParser
import Unspun

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Repair Unicode and encoding damage: NFC, line endings, HTML references, mojibake, stray spaces.",
        discussion: """
            Decodes HTML character references (&amp; &#8217; &nbsp;), repairs UTF-8 misread as \
            Windows-1252 (â€™ -> ’, Ã© -> é), puts text in NFC, turns CRLF and CR into LF, \
            no-break and other Unicode spaces into spaces, removes zero-width characters, soft \
            hyphens, a byte-order mark and control characters, folds runs of spaces and trims \
            lines. Words and quote style are otherwise left as written. Running it twice changes \
            nothing the second time.

            EXAMPLES
              unspun normalize article.txt
              unspun normalize --explain < dump.jsonl > normalized.jsonl
              unspun normalize --format jsonl Fixtures/seeds
            """
    )

    @OptionGroup var options: InputOptions

    func run() throws { try StageRunner(kinds: [.normalize], options: options).run() }
}

struct StripCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strip",
        abstract: "Remove boilerplate and lift bylines, datelines, captions and credits into metadata.",
        discussion: """
            Rules (Rules/<lang>/strip.rules) remove share rows, donation and signup prompts, \
            cookie notices, menus and footers, and move bylines, datelines, date stamps, \
            captions, credits and a closing agency line into metadata (byline, dateline, date, \
            captions, credits, source). A line classifier (Rules/<lang>/lines.model) then judges \
            the lines no rule took. Subheads stay and are listed in metadata.headings; every \
            removed piece is listed in metadata.removed with its kind and rule.

            EXAMPLES
              unspun strip article.txt
              unspun normalize < dump.jsonl | unspun strip > stripped.jsonl
              unspun strip --explain --format jsonl Fixtures/seeds
              unspun strip --emit-features features.jsonl < pages.jsonl > /dev/null
            """
    )

    @OptionGroup var options: InputOptions

    @Option(help: ArgumentHelp("Write every classified line's features as JSONL (to train lines.model); implies --jobs 1.", valueName: "file"))
    var emitFeatures: String?

    @Flag(help: "Print the classifier's feature names as a JSON array and exit.")
    var listFeatures = false

    func run() throws {
        if listFeatures {
            print(JSONWriter.string(.array(StripStage.featureNames.map(JSONValue.string))))
            return
        }
        guard let emitFeatures else { return try StageRunner(kinds: [.strip], options: options).run() }
        let sink = try FeatureSink(path: emitFeatures)
        var single = options
        single.jobs = 1
        try StageRunner(kinds: [.strip], options: single, configure: { stage in
            (stage as? StripStage)?.featureSink = sink.write
        }).run()
        try sink.finish()
    }
}

/// Writes `{"id", "line", "features"}` records for training the line classifier.
final class FeatureSink {
    private let writer: RecordWriter

    init(path: String) throws {
        writer = try RecordWriter(path: path, format: .jsonl)
    }

    func write(id: String, line: String, features: [Double]) {
        try? writer.writeLine(.object(JSONObject([
            ("id", .string(id)), ("line", .string(line)), ("features", .array(features.map { JSONValue($0) })),
        ])))
    }

    func finish() throws { try writer.finish() }
}

struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Undo synonym spinning with phrase rules matched on ICU word tokens (not implemented yet).",
        discussion: """
            EXAMPLES
              unspun repair --explain < stripped.jsonl > repaired.jsonl
            """
    )

    @OptionGroup var options: InputOptions

    func run() throws { try StageRunner(kinds: [.repair], options: options).run() }
}

struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Give every copy of one story the same metadata.story id, spun copies included (not implemented yet)."
    )

    @OptionGroup var options: InputOptions

    func run() throws {
        Diagnostics.error("the group stage is not implemented yet; nothing was written")
        throw Exit.notImplemented
    }
}

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Run every stage over a dump and write documents, one article per story and a report (not implemented yet).",
        discussion: """
            EXAMPLES
              unspun clean Fixtures/seeds --out out/
            """
    )

    @OptionGroup var options: InputOptions

    @Option(help: "Folder for documents.jsonl, articles.jsonl and report.json.")
    var out: String

    func run() throws {
        Diagnostics.error("the clean command needs the group stage, which is not implemented yet; nothing was written")
        throw Exit.notImplemented
    }
}
