/// What `unspun clean` did, written as `report.json`: read = written + rejected always holds.
public struct CleanReport: Sendable, Equatable {
    public var read = 0
    public var written = 0
    public var rejected = 0
    public var stories = 0
    public var storiesWithCopies = 0
    public var spunCopies = 0
    public var referenceRepairedSentences = 0
    public var removedByKind: [String: Int] = [:]
    public var editsByStageAndRule: [String: Int] = [:]
    /// Documents in which a rule's pattern reached its search limit, by rule (`RuleLimitNote`).
    public var ruleLimits: [String: Int] = [:]
    public var bytesRead = 0
    /// Records whose text was empty or blank: written as they came.
    public var blankTexts = 0
    /// Entries of input folders that hold no records, with the reason.
    public var skippedFiles: [SkippedFile] = []
    /// What reading noticed and went on from (bytes after a gzip stream).
    public var notes: [String] = []

    public init() {}

    public var json: JSONValue {
        func sorted(_ counts: [String: Int]) -> JSONValue {
            .object(JSONObject(counts.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) }))
        }
        return .object(
            JSONObject([
                ("documents", .object(JSONObject([("read", JSONValue(read)), ("written", JSONValue(written)), ("rejected", JSONValue(rejected))]))),
                ("bytes_read", JSONValue(bytesRead)),
                ("blank_texts", JSONValue(blankTexts)),
                ("stories", JSONValue(stories)),
                ("stories_with_copies", JSONValue(storiesWithCopies)),
                ("spun_copies", JSONValue(spunCopies)),
                ("reference_repaired_sentences", JSONValue(referenceRepairedSentences)),
                ("removed_lines_by_kind", sorted(removedByKind)),
                ("edits_by_rule", sorted(editsByStageAndRule)),
                ("rule_limits", sorted(ruleLimits)),
                ("skipped_files", .array(skippedFiles.map { .object(JSONObject([("path", .string($0.path)), ("reason", .string($0.reason))])) })),
                ("notes", .array(notes.map(JSONValue.string))),
            ]))
    }

    /// Reads back what `json` wrote (a checkpoint of an interrupted run).
    public init?(json: JSONValue) {
        guard let object = json.objectValue, let documents = object["documents"]?.objectValue else { return nil }
        func int(_ value: JSONValue?) -> Int? { value?.numberText.flatMap { Int($0) } }
        func counts(_ key: String) -> [String: Int]? {
            guard let fields = object[key]?.objectValue?.fields else { return nil }
            var result: [String: Int] = [:]
            for (name, value) in fields {
                guard let count = int(value) else { return nil }
                result[name] = count
            }
            return result
        }
        guard let read = int(documents["read"]), let written = int(documents["written"]), let rejected = int(documents["rejected"]),
            let bytesRead = int(object["bytes_read"]), let removed = counts("removed_lines_by_kind"), let edits = counts("edits_by_rule")
        else { return nil }
        self.read = read
        self.written = written
        self.rejected = rejected
        self.bytesRead = bytesRead
        removedByKind = removed
        editsByStageAndRule = edits
        blankTexts = int(object["blank_texts"]) ?? 0
        stories = int(object["stories"]) ?? 0
        storiesWithCopies = int(object["stories_with_copies"]) ?? 0
        spunCopies = int(object["spun_copies"]) ?? 0
        referenceRepairedSentences = int(object["reference_repaired_sentences"]) ?? 0
        ruleLimits = counts("rule_limits") ?? [:]
        skippedFiles = (object["skipped_files"]?.arrayValue ?? []).compactMap { entry in
            guard let path = entry.objectValue?["path"]?.stringValue, let reason = entry.objectValue?["reason"]?.stringValue else { return nil }
            return SkippedFile(path: path, reason: reason)
        }
        notes = object["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
