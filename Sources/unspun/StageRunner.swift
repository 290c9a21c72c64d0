import ArgumentParser
import Foundation
import Unspun

/// Streams records through per-document stages: read a batch, run it on every core, write it in
/// input order. Rejected records are named on standard error and turn the exit code to 3.
struct StageRunner {
    let options: InputOptions
    /// Builds one worker's pipeline.
    let makePipeline: (RuleBook) throws -> Pipeline

    init(kinds: [StageKind], options: InputOptions, configure: @escaping (any Stage) -> Void = { _ in }) {
        self.options = options
        makePipeline = { rules in
            let pipeline = try Pipeline(kinds, rules: rules)
            pipeline.stages.forEach(configure)
            return pipeline
        }
    }

    init(stage: @escaping () -> any Stage, options: InputOptions) {
        self.options = options
        makePipeline = { _ in Pipeline(stages: [stage()]) }
    }

    func run() throws {
        let rules = options.ruleBook
        let runner: BatchRunner
        do {
            runner = try BatchRunner(jobs: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount) { try makePipeline(rules) }
        } catch let error as PipelineError {
            switch error {
            case .notImplemented:
                Diagnostics.error("\(error); nothing was written")
                throw Exit.notImplemented
            case .rules:
                Diagnostics.error("\(error)")
                throw Exit.badRules
            case .icu:
                Diagnostics.error("\(error)")
                throw Exit.failure
            }
        }
        let reader = RecordReader(inputs: options.inputs, format: options.format, encoding: options.encoding, maximumRecordBytes: options.maximumRecordBytes)
        // The output format follows the first record read (under `auto`), so the writer is made
        // once the first batch is read.
        var writer: RecordWriter?
        var format = RecordFormat.jsonl
        func output() -> RecordWriter {
            if let writer { return writer }
            format = options.format != .auto ? options.format : (reader.firstFormat ?? .jsonl)
            let made = RecordWriter(format: format)
            writer = made
            return made
        }
        var rejected = 0
        let explain = options.explain
        func nextBatch() -> [(RecordReader.Pending, RecordFormat)]? {
            guard let batch = reader.nextBatch(records: 512) else { return nil }
            _ = output()
            return batch.map { ($0, format) }
        }
        // Parsing, the stages and serializing all run on the workers.
        try runner.stream(batches: nextBatch, { pipeline, item -> Result<(Document, [UInt8]), InputError> in
            let (pending, format) = item
            return pending.resolve().flatMap { document in
                pipeline.process(document)
                    .map { cleaned in (cleaned, RecordWriter.encode(cleaned, format: format)) }
                    .mapError { InputError(location: document.source ?? SourceLocation(file: "?", line: 0), id: document.id, reason: $0.reason) }
            }
        }) { _, results in
            for result in results {
                switch result {
                case .success(let (cleaned, bytes)):
                    if explain { Diagnostics.explain(cleaned) }
                    if cleaned.edits.isEmpty, cleaned.isBlank { Diagnostics.note(Self.blankNote(cleaned)) }
                    for rule in RuleLimitNote.rules(in: cleaned) { Diagnostics.note(Self.limitNote(cleaned, rule: rule)) }
                    try output().write(encoded: bytes)
                case .failure(let error):
                    rejected += 1
                    Diagnostics.error(error.description)
                }
            }
        }
        for skipped in reader.skippedFiles { Diagnostics.note("skipped \(skipped): not .txt, .txt.gz, .jsonl or .jsonl.gz") }
        do {
            try output().finish()
        } catch {
            Diagnostics.error(error.description)
            throw Exit.failure
        }
        if rejected > 0 {
            Diagnostics.error("\(rejected) record\(rejected == 1 ? " was" : "s were") rejected; see the messages above")
            throw Exit.rejected
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

/// Messages on standard error, prefixed so they can be told from data.
enum Diagnostics {
    static func error(_ message: String) { write("unspun: error: \(message)\n") }
    static func note(_ message: String) { write("unspun: note: \(message)\n") }

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
