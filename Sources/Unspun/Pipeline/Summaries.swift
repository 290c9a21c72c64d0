/// One record of pass 1, as a worker thread leaves it: ready to spool, or rejected.
enum CleanedRecord {
    case cleaned(Summaries.Summary, bytes: [UInt8], edits: [String], removed: [String], limited: [String], source: SourceLocation?, blank: Bool)
    case rejected(InputError)

    init(_ pending: RecordReader.Pending, pipeline: Pipeline) {
        let document: Document
        switch pending.resolve() {
        case .failure(let error):
            self = .rejected(error)
            return
        case .success(let read): document = read
        }
        switch pipeline.process(document) {
        case .failure(let error):
            self = .rejected(InputError(location: document.source ?? SourceLocation(file: "?", line: 0), id: document.id, reason: error.reason))
        case .success(let cleaned):
            let removed = (cleaned.metadata["removed"]?.arrayValue ?? []).compactMap { $0.objectValue?["kind"]?.stringValue }
            self = .cleaned(
                Summaries.Summary(cleaned), bytes: RecordWriter.encode(cleaned, format: .jsonl),
                edits: cleaned.edits.map { "\($0.stage)/\($0.rule)" }, removed: removed, limited: RuleLimitNote.rules(in: cleaned),
                source: document.source, blank: document.isBlank)
        }
    }
}

/// What stays in memory per document between the passes.
struct Summaries: Sendable {
    struct Summary: Sendable {
        var signature: StorySignature
        /// The fields a story's article may take from any of its members.
        var fields: JSONObject
        /// The record's top-level `url`, which the article lists for each member.
        var url: String?
        /// The distinct keys of its lines, for the repetition cue (`LineCounts`).
        var lineKeys: [UInt32]

        static let articleKeys = ["byline", "authors", "dateline", "date", "date_time", "updated", "title", "captions", "credits", "source", "headings"]
        /// The fields an article takes from most of its copies, not first found: copies of one
        /// story agree on who wrote it, when and under what headline, and one page's misreading
        /// should not decide it.
        static let votedKeys: Set<String> = ["byline", "authors", "date", "date_time", "updated", "title"]

        init(_ document: Document) {
            signature = StorySignature(document: document)
            fields = JSONObject(Self.articleKeys.compactMap { key in document.metadata[key].map { (key, $0) } })
            url = document.record?["url"]?.stringValue
            lineKeys = LineCounts.keys(of: document.text)
        }
    }

    var signatures: [StorySignature] = []
    var fields: [JSONObject] = []
    var urls: [String?] = []
    /// Where each record starts in the spool, and where the spool ends.
    var offsets: [Int] = [0]
    /// Every document's line keys, one after another, and where each document's end; kept only
    /// while the repetition cue is on, and dropped once `repeated` is planned.
    var keepsLineKeys = false
    var lineKeys: [UInt32] = []
    var lineKeyEnds: [Int] = []
    /// The repeated lines pass 2 removes (nil: the cue is off).
    var repeated: RepeatedLinePlan?

    /// Adds the summary of the next spooled record, `length` bytes long with its newline.
    mutating func append(_ summary: Summary, length: Int) {
        signatures.append(summary.signature)
        fields.append(summary.fields)
        urls.append(summary.url)
        offsets.append(offsets[offsets.count - 1] + length)
        if keepsLineKeys {
            lineKeys += summary.lineKeys
            lineKeyEnds.append(lineKeys.count)
        }
    }

    /// Summaries of the first `records` records already in a spool (resuming, or writing again).
    mutating func rebuild(from path: String, records: Int, pool: BatchRunner, batchSize: Int) throws {
        let reader = RecordReader(inputs: [path], format: .jsonl, maximumRecordBytes: .max, allowMarkup: true)
        var left = records
        func nextBatch() -> [RecordReader.Pending]? {
            let batch = reader.nextBatch(records: min(batchSize, left))
            left -= batch?.count ?? 0
            return batch
        }
        try pool.stream(
            batches: nextBatch, { _, pending in pending.resolve().map(Summary.init) },
            consume: { batch, results in
                for (pending, result) in zip(batch, results) {
                    do {
                        append(try result.get(), length: pending.size + 1)
                    } catch {
                        throw OutputError(path: path, reason: "cannot resume: the spool is damaged (\(error)); run again without --resume")
                    }
                }
            })
    }
}
