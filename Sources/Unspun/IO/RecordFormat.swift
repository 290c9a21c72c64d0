/// How records are laid out in a file.
public enum RecordFormat: String, Sendable, CaseIterable {
    /// Decide per input: JSONL when the first non-space byte is `{`, plain text otherwise.
    case auto
    /// One JSON object per line: `{"id": ..., "text": ..., "metadata": {...}}`.
    case jsonl
    /// A file is one document.
    case text

    /// What a file name says about its format, or nil when it says nothing.
    static func fromName(_ name: String) -> RecordFormat? {
        let lower = name.lowercased()
        let base = lower.hasSuffix(".gz") ? String(lower.dropLast(3)) : lower
        if base.hasSuffix(".jsonl") || base.hasSuffix(".ndjson") { return .jsonl }
        if base.hasSuffix(".txt") { return .text }
        return nil
    }
}
