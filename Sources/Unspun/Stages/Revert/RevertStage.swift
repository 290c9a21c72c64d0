/// Undoes the earlier stages: the text is rebuilt from the change record (`metadata.edits`),
/// which is then dropped. The proof that nothing was lost, and a way back for a user who
/// disagrees with a stage. Other metadata (byline, removed lines) stays as found.
public final class RevertStage: Stage {
    public let name = "revert"

    public init() {}

    public func process(_ document: inout Document) throws(StageError) {
        let edits = document.allEdits
        guard !edits.isEmpty else { return }
        guard let original = EditLog.rebuildOriginal(text: document.text, edits: edits) else {
            throw StageError("the change record does not fit the text (was the text edited after the record was made?)")
        }
        document.text = original
        document.edits = []
        document.metadata["edits"] = nil
    }
}
