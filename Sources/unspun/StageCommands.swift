import ArgumentParser
import Foundation
import Synchronization
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
              unspun normalize --output-format jsonl Fixtures/seeds -o seeds.jsonl.gz
            """
    )

    @OptionGroup var records: RecordOptions
    @OptionGroup var output: OutputOptions

    func run() throws { try StageRunner([StageKind.normalize], records: records, output: output).run() }
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
              unspun strip --explain --output-format jsonl Fixtures/seeds
              unspun strip --emit-features features.jsonl < pages.jsonl > /dev/null
              unspun strip --input-kind page --line-counts out/line-counts.tsv < pages.jsonl
            """
    )

    @OptionGroup var records: RecordOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var classifier: ClassifierOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Write every classified line's features as JSONL (to train lines.model); implies --jobs 1.", valueName: "file"))
    var emitFeatures: String?

    @Flag(help: "Print the classifier's feature names as a JSON array and exit.")
    var listFeatures = false

    @Option(help: ArgumentHelp("Also remove the lines that repeat across a dump, from the line-counts.tsv a clean run wrote.", valueName: "file"))
    var lineCounts: String?

    func run() throws {
        if listFeatures {
            print(JSONWriter.string(.array(StripStage.featureNames.map(JSONValue.string))))
            return
        }
        var book = rules.ruleBook(classifier: classifier)
        if let lineCounts {
            do {
                book.lineCounts = try LineCounts(path: lineCounts)
            } catch {
                throw ValidationError(error.description)
            }
        }
        guard let emitFeatures else { return try StageRunner([StageKind.strip], records: records, rules: book, output: output).run() }
        let sink = try FeatureSink(path: emitFeatures)
        var single = records
        single.jobs = 1
        let emitting = CustomStage(name: "strip") { book in
            let stage = try StripStage(book: book)
            stage.featureSink = sink.write
            stage.documentSink = sink.writeDocument
            return stage
        }
        try StageRunner([emitting], records: single, rules: book, output: output).run()
        try sink.finish()
    }
}

/// Writes `{"id", "pass", "line", "features"}` records for training the line classifier. The
/// stage cannot take a write error from its callback, so the first one is kept for `finish`.
/// Callbacks come from the worker thread (strip runs with one when it emits features).
final class FeatureSink: Sendable {
    private struct State {
        var writer: RecordWriter
        var failure: OutputError?
    }

    private let state: Mutex<State>

    init(path: String) throws {
        state = Mutex(State(writer: try RecordWriter(path: path, format: .jsonl)))
    }

    func write(id: String, pass: Int, line: String, features: [Double]) {
        append(.object(JSONObject([("id", .string(id)), ("pass", JSONValue(pass)), ("line", .string(line)), ("features", .array(features.map { JSONValue($0) }))])))
    }

    /// A `{"id", "document"}` record: the document's detector cues.
    func writeDocument(id: String, cues: [Double]) {
        append(.object(JSONObject([("id", .string(id)), ("document", .array(cues.map { JSONValue($0) }))])))
    }

    private func append(_ record: JSONValue) {
        state.withLock { state in
            guard state.failure == nil else { return }
            do throws(OutputError) {
                try state.writer.writeLine(record)
            } catch {
                state.failure = error
            }
        }
    }

    func finish() throws {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            try state.writer.finish()
        }
    }
}

struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Undo synonym spinning with phrase rules matched on ICU word tokens.",
        discussion: """
            EXAMPLES
              unspun repair --explain < stripped.jsonl > repaired.jsonl
            """
    )

    @OptionGroup var records: RecordOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var repair: RepairOptions
    @OptionGroup var output: OutputOptions

    func run() throws { try StageRunner([StageKind.repair], records: records, rules: rules.ruleBook(repair: repair), output: output).run() }
}

struct RevertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert",
        abstract: "Rebuild each record's input text from its change record (metadata.edits).",
        discussion: """
            Every stage records each change it makes, so the text a record had before any stage \
            can be rebuilt exactly; revert does so and drops metadata.edits (other metadata stays). \
            A record whose change record does not fit its text is rejected.

            EXAMPLES
              unspun revert documents.jsonl > originals.jsonl
              unspun strip --output-format jsonl page.txt > stripped.jsonl
              unspun revert --output-format text stripped.jsonl | cmp - page.txt
            """
    )

    @OptionGroup var records: RecordOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let missing = Tally()
        let revert = CustomStage(name: "revert") { _ in RevertStage(onMissingRecord: { _ in missing.add() }) }
        try StageRunner([revert], records: records, output: output) {
            let count = missing.value
            guard count > 0 else { return [] }
            return [
                "\(count) record\(count == 1 ? "" : "s") carried no change record (metadata.edits) and \(count == 1 ? "was" : "were") written as read; "
                    + "revert rebuilds the input of the JSONL records the stages wrote"
            ]
        }.run()
    }
}

struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Give every copy of one story the same metadata.story id, spun copies included.",
        discussion: """
            Map step: each document gets a spin-robust signature (a MinHash of the shingles of \
            its function words, names and numbers; spinners change content words). Reduce step: \
            documents sharing an LSH bucket are compared, and each joins the story of the \
            document that holds most of its skeleton, taken in canonical order (least spun, \
            agency marks, most complete), so the first member of a story is its canonical copy \
            (metadata.canonical: true). Run it on cleaned text (after strip and repair), or use \
            `unspun clean`, which also repairs spun copies from their original.

            With --emit-keys, only the map step: each document's signature and LSH bucket keys, \
            for Spark and the like. With --assign, only the reduce step, over one connected \
            component of the graph of shared buckets a line: standard input holds \
            {"signatures": [records as --emit-keys writes them], "oversized_keys": [the \
            component's keys whose buckets hold more than \(StoryGrouper.maximumBucket) documents across the dump]}, and \
            each line gets {"stories": [story id per signature], "canonical": [true or false \
            per signature]} back, the same stories as grouping the whole dump.

            EXAMPLES
              unspun strip < dump.jsonl | unspun repair | unspun group > grouped.jsonl
              unspun group --emit-keys cleaned.jsonl > keys.jsonl
              unspun group --assign --unbuffered < components.jsonl > assigned.jsonl
            """
    )

    @OptionGroup var records: RecordOptions
    @OptionGroup var output: OutputFileOptions

    @Flag(help: "Write each document's signature and LSH bucket keys as JSONL (the map step) instead of grouping.")
    var emitKeys = false

    @Flag(help: "Group each line's component of signatures (the reduce step) instead; see above.")
    var assign = false

    @Flag(help: "With --assign: flush the answer to each line before reading the next.")
    var unbuffered = false

    func run() throws {
        if assign { return try AssignRequests.serve(unbuffered: unbuffered) }
        // Documents wait in a spool file, not in memory: only signatures (~300 bytes) stay.
        let spoolPath = NSTemporaryDirectory() + "/unspun-group-\(ProcessInfo.processInfo.processIdentifier).jsonl"
        defer { try? FileManager.default.removeItem(atPath: spoolPath) }
        let spool = try RecordWriter(path: spoolPath, format: .jsonl)
        var signatures: [StorySignature] = []
        var rejected = 0
        let reader = records.reader()
        let writer = try output.writer(format: .jsonl)
        for item in reader {
            switch item {
            case .success(let document):
                let signature = StorySignature(document: document)
                if emitKeys {
                    try writer.writeLine(signature.json)
                } else {
                    signatures.append(signature)
                    try spool.write(document)
                }
            case .failure(let error):
                rejected += 1
                Diagnostics.error(error.description)
            }
        }
        try spool.finish()
        if !emitKeys, !signatures.isEmpty {
            let assignment = StoryGrouper(jobs: records.jobs).group(signatures)
            let storyIDs = assignment.storyIDs(signatures)
            for (index, item) in RecordReader(inputs: [spoolPath], format: .jsonl, maximumRecordBytes: .max, allowMarkup: true).enumerated() {
                var document = try item.get()
                let canonical = assignment.canonical[assignment.story[index]]
                document.metadata["story"] = .string(storyIDs[assignment.story[index]])
                document.metadata["canonical"] = .bool(canonical == index)
                try writer.write(document)
            }
        }
        Diagnostics.noteSkipped(reader.skippedFiles, notes: reader.notes)
        try writer.finish()
        if rejected > 0 { throw Exit.rejected }
    }
}
