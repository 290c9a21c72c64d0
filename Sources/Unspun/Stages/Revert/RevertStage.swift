/// Undoes the earlier stages: the text is rebuilt from the change record (`metadata.edits`),
/// which is then dropped. The proof that nothing was lost, and a way back for a user who
/// disagrees with a stage. Other metadata (byline, removed lines) stays as found.
///
/// A change record that does not fit its text (an edit that is not an object of whole-number
/// offsets, `start` after `end`, a `before` whose length is not `end - start`, an `after` that is
/// not where the edit says) rejects the record: reverting it would write wrong text.
public final class RevertStage: Stage {
    public let name = "revert"
    /// Told of each document that carries no change record at all (written as it came).
    private let onMissingRecord: (@Sendable (Document) -> Void)?

    public init(onMissingRecord: (@Sendable (Document) -> Void)? = nil) {
        self.onMissingRecord = onMissingRecord
    }

    public func process(_ document: inout Document) throws(StageError) {
        let edits = try Self.changeRecord(document.metadata["edits"]) + document.edits
        guard !edits.isEmpty else {
            if document.metadata["edits"] == nil { onMissingRecord?(document) }
            return
        }
        guard let original = EditLog.rebuildOriginal(text: document.text, edits: edits) else {
            throw StageError("the change record does not fit the text (was the text edited after the record was made?)")
        }
        document.text = original
        document.edits = []
        document.metadata["edits"] = nil
    }

    /// `metadata.edits` read strictly: every entry must be a whole edit.
    static func changeRecord(_ value: JSONValue?) throws(StageError) -> [Edit] {
        guard let value, value != .null else { return [] }
        guard let entries = value.arrayValue else { throw StageError("metadata.edits must be a list of edits, found \(value.typeName)") }
        var edits: [Edit] = []
        for (index, entry) in entries.enumerated() {
            guard let edit = Edit(json: entry) else {
                throw StageError("edit \(index + 1) of metadata.edits is not {stage, rule, start, end, before, after} with whole-number offsets")
            }
            guard edit.start >= 0, edit.start <= edit.end, edit.before.utf8.count == edit.end - edit.start else {
                throw StageError("edit \(index + 1) of metadata.edits does not fit: start \(edit.start), end \(edit.end), before is \(edit.before.utf8.count) bytes")
            }
            edits.append(edit)
        }
        return edits
    }
}
