/// `clean`'s pass 1 for one record, for an engine that shards a dump (`unspun map`): the record
/// cleaned exactly as `DumpCleaner` cleans it, with what the later steps need from it (its
/// signature and LSH keys for the shuffle, its line keys for the repetition cue, the counts of
/// the report), as one JSON object.
public struct MapStep {
    private let pipeline: Pipeline
    private let encoding: TextEncoding
    private let allowMarkup: Bool

    public init(stages: [any StageRecipe], rules: RuleBook, encoding: TextEncoding = .utf8, allowMarkup: Bool = false) throws(PipelineError) {
        pipeline = try Pipeline(stages, rules: rules)
        self.encoding = encoding
        self.allowMarkup = allowMarkup
    }

    /// A JSONL record, `line` of `file`.
    public func map(record bytes: [UInt8], file: String, line: Int) -> JSONValue {
        map(.line(bytes, SourceLocation(file: file, line: line), encoding, allowMarkup: allowMarkup), bytes: bytes.count)
    }

    /// A text file's one document, named `id` (as a folder names its files: their relative path).
    public func map(text bytes: [UInt8], file: String, id: String) -> JSONValue {
        let element = RecordReader.textRecord(bytes, id: id, location: SourceLocation(file: file, line: 1), encoding: encoding, allowMarkup: allowMarkup)
        // As `clean` counts it: the text read, none for a file rejected.
        return map(.done(element), bytes: (try? element.get()) == nil ? 0 : bytes.count)
    }

    /// `{"document": the cleaned record as pass 1 spools it (a JSON line, as a string),
    /// "signature": as `unspun group --emit-keys` writes it, "line_keys", "blank", "edits",
    /// "removed", "limited", "bytes"}`, or `{"rejected": {file, line, id, reason}, "bytes"}`.
    func map(_ pending: RecordReader.Pending, bytes: Int) -> JSONValue {
        switch CleanedRecord(pending, pipeline: pipeline) {
        case .rejected(let error):
            return .object(JSONObject([("rejected", error.rejectRecord), ("bytes", JSONValue(bytes))]))
        case .cleaned(let summary, let spooled, let edits, let removed, let limited, _, let blank):
            return .object(
                JSONObject([
                    ("document", .string(String(decoding: spooled.dropLast(), as: UTF8.self))),
                    ("signature", summary.signature.json),
                    ("line_keys", .array(summary.lineKeys.map { JSONValue(Int($0)) })),
                    ("blank", .bool(blank)),
                    ("edits", .array(edits.map(JSONValue.string))),
                    ("removed", .array(removed.map(JSONValue.string))),
                    ("limited", .array(limited.map(JSONValue.string))),
                    ("bytes", JSONValue(bytes)),
                ]))
        }
    }
}

extension InputError {
    /// Its line of `rejects.jsonl`.
    public var rejectRecord: JSONValue {
        .object(
            JSONObject([
                ("file", .string(location.file)), ("line", JSONValue(location.line)),
                ("id", id.map(JSONValue.string) ?? .null), ("reason", .string(reason)),
            ]))
    }
}
