/// Where a record came from, for error messages and for ids of records that have none.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// One article moving through the pipeline: its text, what the stages found (`metadata`) and
/// every change they made (`edits`). Other fields of a JSONL record ride along untouched.
public struct Document: Sendable {
    public var id: String
    public var text: String
    /// What stages found, written back under the record's `metadata` field.
    public var metadata: JSONObject
    /// Changes made since the document was read, in the order the stages made them.
    public var edits: [Edit] = []
    /// The record as read (JSONL input), so that fields and their order survive the trip.
    var record: JSONObject?
    public var source: SourceLocation?

    public init(id: String, text: String, metadata: JSONObject = JSONObject(), source: SourceLocation? = nil) {
        self.id = id
        self.text = text
        self.metadata = metadata
        self.source = source
    }

    /// Whether the text holds nothing but whitespace: such a record is written as it came, with
    /// a note, since there is nothing to clean.
    public var isBlank: Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Edits recorded by stages that ran before this process read the record, plus this run's.
    public var allEdits: [Edit] {
        let earlier = metadata["edits"]?.arrayValue?.compactMap(Edit.init(json:)) ?? []
        return earlier + edits
    }

    /// The record to write: every input field in its order, with `text` and `metadata` replaced.
    public func outputRecord() -> JSONObject {
        var metadataOut = metadata
        if !edits.isEmpty {
            let earlier = metadata["edits"]?.arrayValue ?? []
            metadataOut["edits"] = .array(earlier + edits.map(\.json))
        }
        var out = record ?? JSONObject()
        if out["id"] == nil {
            out = JSONObject([("id", .string(id))] + out.fields)
        }
        out["text"] = .string(text)
        out["metadata"] = .object(metadataOut)
        return out
    }
}

extension Document: CustomStringConvertible {
    /// The metadata as one JSON object, as `unspun` writes it (this run's edits included).
    public var metadataJSON: String {
        JSONWriter.string(outputRecord()["metadata"] ?? .object(JSONObject()))
    }

    /// The id, the text, and the metadata as JSON: readable in a print or a debugger.
    public var description: String {
        "\(id): \(JSONWriter.string(.string(text)))\n  metadata: \(metadataJSON)"
    }
}
