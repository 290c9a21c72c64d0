import ArgumentParser
import Foundation
import Synchronization
import Unspun

/// Streams records through per-document stages: read a batch, run it on every core, write it in
/// input order. Rejected records are named on standard error and turn the exit code to 3.
struct StageRunner {
    let records: RecordOptions
    let output: OutputOptions
    let rules: RuleBook
    /// The stages, built once per worker thread.
    let recipes: [any StageRecipe]
    /// Notes to print once the records are written (what the stage noticed across the run).
    let closingNotes: () -> [String]

    init(
        _ recipes: [any StageRecipe], records: RecordOptions, rules: RuleBook = RuleBook(), output: OutputOptions,
        closingNotes: @escaping () -> [String] = { [] }
    ) {
        self.recipes = recipes
        self.records = records
        self.output = output
        self.rules = rules
        self.closingNotes = closingNotes
    }

    func run() throws {
        let runner: BatchRunner
        do {
            runner = try BatchRunner(jobs: records.jobs ?? ProcessInfo.processInfo.activeProcessorCount, recipes: recipes, rules: rules)
        } catch {
            Diagnostics.error("\(error)")
            throw error.isRuleError ? Exit.badRules : Exit.failure
        }
        let reader = records.reader()
        // The output format follows the first record read (under `auto`), so the writer is made
        // once the first batch is read.
        var writer: RecordWriter?
        var format = RecordFormat.jsonl
        func openOutput() throws -> RecordWriter {
            if let writer { return writer }
            format = output.writeFormat(records) != .auto ? output.writeFormat(records) : (reader.firstFormat ?? .jsonl)
            let made = try output.file.writer(format: format)
            writer = made
            return made
        }
        var rejected = 0
        var droppedNoted = false
        let explain = output.explain
        let unbuffered = output.unbuffered
        func nextBatch() throws -> [(RecordReader.Pending, RecordFormat)]? {
            guard let batch = reader.nextBatch(records: unbuffered ? 1 : 512) else { return nil }
            _ = try openOutput()
            return batch.map { ($0, format) }
        }
        let formatChosen = output.writeFormat(records) != .auto
        // Parsing, the stages and serializing all run on the workers.
        let transform: @Sendable (Pipeline, (RecordReader.Pending, RecordFormat)) -> Result<(Document, [UInt8]), InputError> = { pipeline, item in
            let (pending, format) = item
            // Text output set by a first input that was text would drop a JSONL record's id and fields.
            if format == .text, !formatChosen, case .line(_, let location, _, _) = pending {
                return .failure(
                    InputError(
                        location: location,
                        reason: "a JSONL record in a run whose output is plain text (set by the first input): "
                            + "its id and metadata would be lost; pass --output-format jsonl, or run text and JSONL inputs separately"))
            }
            return pending.resolve().flatMap { document in
                pipeline.process(document)
                    .map { cleaned in (cleaned, RecordWriter.encode(cleaned, format: format)) }
                    .mapError { InputError(location: document.source ?? SourceLocation(file: "?", line: 0), id: document.id, reason: $0.reason) }
            }
        }
        func consume(_ results: [Result<(Document, [UInt8]), InputError>]) throws {
            for result in results {
                switch result {
                case .success(let (cleaned, bytes)):
                    if explain { Diagnostics.explain(cleaned) }
                    if cleaned.edits.isEmpty, cleaned.isBlank { Diagnostics.note(Self.blankNote(cleaned)) }
                    for rule in RuleLimitNote.rules(in: cleaned) { Diagnostics.note(Self.limitNote(cleaned, rule: rule)) }
                    if format == .text, !droppedNoted, Self.carriesRecord(cleaned) {
                        droppedNoted = true
                        Diagnostics.note(
                            "text output keeps only the text: the stages' metadata and change record are dropped; "
                                + "pass --output-format jsonl to keep them")
                    }
                    try openOutput().write(encoded: bytes)
                case .failure(let error):
                    rejected += 1
                    Diagnostics.error(error.description)
                }
            }
        }
        if unbuffered {
            // Each record answered before the next is read, so a program can drive this process
            // one record at a time without the pipe's buffers deadlocking it.
            while let batch = try nextBatch() {
                try consume(runner.map(batch, transform))
                try openOutput().flush()
            }
        } else {
            try runner.stream(batches: nextBatch, transform) { _, results in try consume(results) }
        }
        Diagnostics.noteSkipped(reader.skippedFiles, notes: reader.notes + closingNotes())
        try openOutput().finish()
        if rejected > 0 {
            Diagnostics.error("\(rejected) rejected (records, or inputs that could not be read); see the messages above")
            throw Exit.rejected
        }
    }

    /// Whether a document has more than its text to write: edits, or metadata with content.
    static func carriesRecord(_ document: Document) -> Bool {
        !document.edits.isEmpty
            || document.metadata.fields.contains { field in
                switch field.value {
                case .array(let items): !items.isEmpty
                case .object(let object): !object.isEmpty
                case .null: false
                default: true
                }
            }
    }

    static func blankNote(_ document: Document) -> String {
        "\(place(document)): the text is empty; written as it came"
    }

    static func limitNote(_ document: Document, rule: String) -> String {
        "\(place(document)): rule \(rule) reached its search limit on a line and was skipped there (metadata.notes)"
    }

    private static func place(_ document: Document) -> String {
        (document.source.map { "\($0) " } ?? "") + "(id \(document.id))"
    }
}

/// A count that worker threads add to.
final class Tally: Sendable {
    private let count = Atomic<Int>(0)

    func add() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// Messages on standard error, prefixed so they can be told from data.
enum Diagnostics {
    static func error(_ message: String) { write("unspun: error: \(message)\n") }
    static func note(_ message: String) { write("unspun: note: \(message)\n") }

    /// What reading passed over or went on from, once at the end of a run.
    static func noteSkipped(_ skipped: [SkippedFile], notes: [String]) {
        for file in skipped { note("skipped \(file.path): \(file.reason)") }
        for message in notes { note(message) }
    }

    static func explain(_ document: Document) {
        for edit in document.edits {
            write("\(document.id): \(edit.stage)/\(edit.rule) [\(edit.start)..<\(edit.end)] \(quoted(edit.before)) -> \(quoted(edit.after))\n")
        }
    }

    private static func quoted(_ text: String) -> String {
        JSONWriter.string(.string(text))
    }

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
