import Foundation

/// Cleans a whole dump in two passes over the records, every core busy in both:
///
/// 1. Clean: parse, normalize, strip, repair and sign each record on the worker threads; the
///    cleaned records go to a spool file in the output folder, and only each document's
///    signature and a few short fields stay in memory.
/// 2. Group the signatures, then read the spool again: each record gets its story, spun copies
///    are repaired from their story's canonical copy (fetched from the spool by offset), and the
///    documents and the one article per story are written.
///
/// Pass 1 leaves a checkpoint after every batch, so that `resume` can continue a run that was
/// interrupted (Ctrl-C, kill -9, a full disk) without losing or repeating a record. Outputs
/// appear under their final names only when complete.
public final class DumpCleaner {
    public struct Options: Sendable {
        /// The per-document stages of pass 1; add a recipe of your own to run your stage in `clean`.
        public var stages: [any StageRecipe] = [StageKind.normalize, StageKind.strip, StageKind.repair]
        public var rules = RuleBook()
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        public var format = RecordFormat.auto
        public var encoding = TextEncoding.utf8
        /// Repair spun copies from their story's canonical copy.
        public var referenceRepair = true
        /// Continue the interrupted run in the output folder.
        public var resume = false
        /// Records per batch handed to the workers (and per checkpoint).
        public var batchSize = 512
        /// Longer records are rejected unread.
        public var maximumRecordBytes = RecordReader.defaultMaximumRecordBytes
        /// Let texts that look like HTML through (otherwise rejected: `MarkupCheck`).
        public var allowMarkup = false
        /// The repetition cue: lines repeated across stories go in pass 2 (nil: off).
        public var repeatedLines: LineCounts.Settings? = LineCounts.Settings()

        public init() {}
    }

    public typealias Report = CleanReport

    /// Where a run is, for a progress line.
    public struct Progress: Sendable {
        public enum Step: String, Sendable {
            case cleaning, grouping, writing
        }

        public var step: Step
        /// Documents done in this step.
        public var documents: Int
        /// Text bytes read so far.
        public var bytes: Int
        /// Share of this step done, when known (not for standard input).
        public var fraction: Double?
    }

    let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Runs over `inputs` and writes `documents.jsonl`, `articles.jsonl`, `rejects.jsonl` and
    /// `report.json` into `outputDirectory`.
    public func run(inputs: [String], outputDirectory: String, progress: (Progress) -> Void = { _ in }) throws -> Report {
        var folder = OutputFolder(outputDirectory)
        try folder.createAndLock()
        let fingerprint = fingerprint(inputs)
        var checkpoint: Checkpoint?
        if options.resume {
            checkpoint = try Checkpoint.forResuming(folder, fingerprint: fingerprint)
        } else {
            folder.removeEarlierRun()
        }
        let rules = options.rules
        let stages = options.stages
        let pipelines = try BatchRunner(jobs: options.jobs, recipes: stages, rules: rules)
        var summaries = Summaries()
        summaries.keepsLineKeys = options.repeatedLines != nil
        var report = checkpoint?.report ?? Report()

        if let checkpoint, checkpoint.cleaned {
            // An empty spool (every record rejected) has nothing to rebuild.
            if checkpoint.spoolBytes > 0 {
                try summaries.rebuild(from: folder.spool, records: Int.max, pool: pipelines, batchSize: options.batchSize)
            }
        } else {
            try clean(inputs, into: folder, resuming: checkpoint, summaries: &summaries, report: &report, fingerprint: fingerprint, pool: pipelines, progress: progress)
        }

        progress(Progress(step: .grouping, documents: summaries.signatures.count, bytes: report.bytesRead, fraction: nil))
        let plan = StoryPlan(summaries.signatures, jobs: options.jobs)
        report.stories = plan.members.count
        report.storiesWithCopies = plan.members.filter { $0.count > 1 }.count
        if let settings = options.repeatedLines {
            let repeated = RepeatedLinePlan(keys: summaries.lineKeys, ends: summaries.lineKeyEnds, story: plan.story, members: plan.members, settings: settings)
            summaries.lineKeys = []
            summaries.lineKeyEnds = []
            summaries.repeated = repeated
            try repeated.lineCounts.write(to: folder.file("line-counts.tsv"))
        }
        try write(plan, summaries: summaries, folder: folder, report: &report, progress: progress)
        // (Already in place when a run killed after this point is resumed.)
        if rename(folder.rejectsInProgress, folder.file("rejects.jsonl")) != 0, !FileManager.default.fileExists(atPath: folder.file("rejects.jsonl")) {
            throw OutputError(path: folder.file("rejects.jsonl"), reason: "cannot move the rejects into place: \(String(cString: strerror(errno)))")
        }

        let reportOut = try RecordWriter(path: folder.file("report.json"), format: .jsonl)
        try reportOut.writeLine(report.json)
        try reportOut.finish()
        try? FileManager.default.removeItem(atPath: folder.checkpoint)
        try? FileManager.default.removeItem(atPath: folder.spool)
        return report
    }

    /// Pass 1: every record cleaned into the spool or rejected, with a checkpoint per batch.
    private func clean(
        _ inputs: [String], into folder: OutputFolder, resuming checkpoint: Checkpoint?, summaries: inout Summaries,
        report: inout Report, fingerprint: String, pool: BatchRunner, progress: (Progress) -> Void
    ) throws {
        if checkpoint != nil {
            // Killed between finishing a file and saving the checkpoint that says so: the file is
            // complete under its final name; put it back to be resumed like the others.
            for path in [folder.spool, folder.rejectsInProgress]
            where !FileManager.default.fileExists(atPath: path + ".partial") && FileManager.default.fileExists(atPath: path) {
                rename(path, path + ".partial")
            }
        }
        let spool = try RecordWriter(path: folder.spool, format: .jsonl, resumingAt: checkpoint?.spoolBytes)
        let rejects = try RecordWriter(path: folder.rejectsInProgress, format: .jsonl, resumingAt: checkpoint?.rejectsBytes)
        if checkpoint == nil {
            // A run stopped before its first batch is done resumes from record 0.
            try Checkpoint(fingerprint: fingerprint, cleaned: false, spoolBytes: 0, rejectsBytes: 0, report: report).save(in: folder)
        }
        if let checkpoint, checkpoint.spoolBytes > 0 {
            try summaries.rebuild(
                from: folder.spool + ".partial", records: checkpoint.report.read - checkpoint.report.rejected,
                pool: pool, batchSize: options.batchSize)
        }
        let reader = RecordReader(
            inputs: inputs, format: options.format, encoding: options.encoding, maximumRecordBytes: options.maximumRecordBytes,
            allowMarkup: options.allowMarkup)
        for _ in 0..<(checkpoint?.report.read ?? 0) { _ = reader.nextPending() }
        let totalBytes = RecordReader.totalSize(of: inputs)

        func reject(_ error: InputError) throws {
            report.rejected += 1
            try rejects.writeLine(error.rejectRecord)
        }
        // Ids name stories and their members, so a second record with an id already seen is rejected.
        var seenIDs = Set(summaries.signatures.map(\.id))
        // Input bytes consumed (compressed, for .gz) when each batch in flight was read: the
        // reader is a batch ahead of the one being committed.
        var consumedThrough: [Int] = []
        func nextBatch() -> [RecordReader.Pending]? {
            let batch = reader.nextBatch(records: options.batchSize)
            consumedThrough.append(reader.bytesConsumed)
            return batch
        }
        try pool.stream(
            batches: nextBatch, { pipeline, pending in CleanedRecord(pending, pipeline: pipeline) },
            consume: { batch, results in
                let consumed = consumedThrough.removeFirst()
                for result in results {
                    switch result {
                    case .cleaned(let summary, let bytes, let edits, let removed, let limited, let source, let blank):
                        guard seenIDs.insert(summary.signature.id).inserted else {
                            try reject(
                                InputError(
                                    location: source ?? SourceLocation(file: "?", line: 0), id: summary.signature.id,
                                    reason: "duplicate id: an earlier record has the same id, and ids must be unique within a run (ids compare as text: 5 and \"5\" are one id)"))
                            continue
                        }
                        if blank { report.blankTexts += 1 }
                        summaries.append(summary, length: bytes.count)
                        try spool.write(encoded: bytes)
                        for edit in edits { report.editsByStageAndRule[edit, default: 0] += 1 }
                        for kind in removed { report.removedByKind[kind, default: 0] += 1 }
                        for rule in limited { report.ruleLimits[rule, default: 0] += 1 }
                    case .rejected(let error):
                        try reject(error)
                    }
                }
                report.read += batch.count
                report.bytesRead += batch.reduce(0) { $0 + $1.size }
                try spool.flush()
                try rejects.flush()
                try Checkpoint(fingerprint: fingerprint, cleaned: false, spoolBytes: spool.byteCount, rejectsBytes: rejects.byteCount, report: report)
                    .save(in: folder)
                progress(
                    Progress(
                        step: .cleaning, documents: report.read, bytes: report.bytesRead,
                        fraction: totalBytes.map { Double(consumed) / Double(max($0, 1)) }))
            })
        report.skippedFiles = reader.skippedFiles
        report.notes = reader.notes
        try spool.finish()
        try rejects.finish()
        try Checkpoint(fingerprint: fingerprint, cleaned: true, spoolBytes: spool.byteCount, rejectsBytes: rejects.byteCount, report: report)
            .save(in: folder)
    }

    /// Pass 2: story fields, reference repair of spun copies, documents and articles written.
    private func write(_ plan: StoryPlan, summaries: Summaries, folder: OutputFolder, report: inout Report, progress: (Progress) -> Void) throws {
        progress(Progress(step: .writing, documents: 0, bytes: report.bytesRead, fraction: 0))
        let spoolFile = try SpoolFile(path: folder.spool, offsets: summaries.offsets)
        let referenceRepair = options.referenceRepair
        let pool = try WorkerPool(jobs: options.jobs) { try ReferenceWorker(spool: spoolFile) }
        let documentsOut = try RecordWriter(path: folder.file("documents.jsonl"), format: .jsonl)
        let articlesOut = try RecordWriter(path: folder.file("articles.jsonl"), format: .jsonl)
        let reader = RecordReader(inputs: [folder.spool], format: .jsonl, maximumRecordBytes: .max, allowMarkup: true)
        let total = summaries.signatures.count
        var read = 0
        func nextBatch() -> [(Int, RecordReader.Pending)]? {
            guard let batch = reader.nextBatch(records: min(options.batchSize, total - read)) else { return nil }
            defer { read += batch.count }
            return batch.enumerated().map { (read + $0.offset, $0.element) }
        }
        try pool.stream(
            batches: nextBatch,
            { worker, item in
                Result { try worker.finish(item.1, index: item.0, plan: plan, summaries: summaries, referenceRepair: referenceRepair) }
            },
            consume: { _, results in
                for result in results {
                    let finished = try result.get()
                    try documentsOut.write(encoded: finished.document)
                    if let article = finished.article { try articlesOut.write(encoded: article) }
                    report.add(finished)
                }
                progress(Progress(step: .writing, documents: report.written, bytes: report.bytesRead, fraction: Double(report.written) / Double(max(total, 1))))
            })
        guard report.written == total else {
            throw OutputError(path: folder.spool, reason: "the spool holds \(report.written) of \(total) cleaned records; run again without --resume")
        }
        try documentsOut.finish()
        try articlesOut.finish()
    }

    /// What must match for `--resume` to continue a run: inputs, stages, rules and formats.
    private func fingerprint(_ inputs: [String]) -> String {
        let rules = options.rules
        return JSONWriter.string(
            .object(
                JSONObject([
                    ("inputs", .array(inputs.map(JSONValue.string))), ("files", OutputFolder.fingerprint(of: inputs)),
                    ("stages", .array(options.stages.map { .string($0.fingerprint) })),
                    ("rules", .string(rules.directory ?? "")), ("language", .string(rules.language)),
                    // The rules' contents: the bundle's path stays the same across builds that change them.
                    ("rule_files", .array(rules.fileFingerprints().map { .string("\($0.file) \($0.fingerprint)") })),
                    ("language_model", .string(rules.languageModel ?? "none")), ("restorer", .string("\(rules.restorerSettings)")),
                    // A model or thesaurus outside the rules folder, by content too.
                    ("restorer_files", .array([rules.languageModel, rules.thesaurus].compactMap { $0 }.compactMap(RuleBook.fingerprint(ofFile:)).map(JSONValue.string))),
                    ("page_metadata", .bool(rules.pageMetadata)),
                    ("packs", .array(rules.packs.map(JSONValue.string))), ("classifier", .bool(rules.classifier)),
                    ("format", .string(options.format.rawValue)), ("encoding", .string(options.encoding.rawValue)),
                    ("reference_repair", .bool(options.referenceRepair)), ("allow_markup", .bool(options.allowMarkup)),
                    ("input_kind", .string(rules.inputKind?.rawValue ?? "auto")),
                    ("repeated_lines", .string(options.repeatedLines.map { "\($0.minimumDocuments)/\($0.minimumStories)" } ?? "off")),
                ])))
    }
}
