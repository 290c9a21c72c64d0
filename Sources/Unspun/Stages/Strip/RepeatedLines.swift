import Foundation

/// The one cue no single-page extractor has: a line that stands verbatim (after normalization)
/// in documents of many different stories is boilerplate of that site or feed (navigation,
/// promos, disclaimers, newsletter boxes), however article-like it looks. `clean` counts each
/// line's key over the whole dump; `LineCounts` holds the counts of the lines that repeat, and
/// `remove` takes such lines out of a document (`kind: repeated` in `metadata.removed`, with the
/// counts), recorded as strip edits.
public struct LineCounts: Sendable {
    /// How often a line stands in a dump: in how many documents, of how many stories.
    public struct Count: Sendable, Equatable {
        public var documents: Int
        public var stories: Int
    }

    /// A line goes when, leaving out the document's own story, it stands in at least
    /// `minimumDocuments` documents of at least `minimumStories` other stories.
    public struct Settings: Sendable, Equatable {
        public var minimumDocuments = 5
        public var minimumStories = 3
        public init() {}
    }

    public var counts: [UInt32: Count]
    public var settings: Settings

    public init(counts: [UInt32: Count] = [:], settings: Settings = Settings()) {
        self.counts = counts
        self.settings = settings
    }

    /// The key of a line: its bytes with ASCII letters lowercased and runs of spaces folded, hashed
    /// to 32 bits; nil for a line without a letter or digit (a rule, a lone bullet).
    static func key(_ line: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var hash = FNV1a.basis
        var wordy = false
        var space = false
        var started = false
        for byte in line {
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                space = started
                continue
            }
            if space {
                hash = FNV1a.feed(hash, 0x20)
                space = false
            }
            started = true
            let lower = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
            if lower &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte >= 0x80 { wordy = true }
            hash = FNV1a.feed(hash, UInt64(lower))
        }
        return wordy ? UInt32(truncatingIfNeeded: hash ^ hash >> 32) : nil
    }

    /// The distinct keys of a text's lines, sorted.
    public static func keys(of text: String) -> [UInt32] {
        var keys: [UInt32] = []
        var text = text
        text.withUTF8 { bytes in
            WordScan.forEachLine(bytes) { line in
                if let key = key(UnsafeBufferPointer(rebasing: bytes[line])) { keys.append(key) }
            }
        }
        keys.sortDroppingRepeats()
        return keys
    }

    /// Removes the lines whose key `repeats` gives a count for, as edits of stage `stage`.
    /// Returns how many lines went.
    static func remove(from document: inout Document, stage: String, repeats: (UInt32) -> Count?) -> Int {
        let bytes = Array(document.text.utf8)
        let (edits, removed) = edits(bytes, stage: stage, repeats: repeats)
        guard !edits.isEmpty else { return 0 }
        document.text = String(decoding: EditLog.apply(edits, to: bytes), as: UTF8.self)
        document.edits.append(contentsOf: edits)
        document.metadata["removed"] = .array((document.metadata["removed"]?.arrayValue ?? []) + removed)
        return removed.count
    }

    /// The edits that remove each line whose key `repeats` gives a count for, with its line end
    /// (and the blank lines after it when it followed a blank line, so that a gap stays one
    /// gap), and the `metadata.removed` entries that say so.
    static func edits(_ bytes: [UInt8], stage: String, repeats: (UInt32) -> Count?) -> (edits: [Edit], removed: [JSONValue]) {
        var removed: [JSONValue] = []
        let edits = bytes.withUnsafeBufferPointer { buffer in
            var collector = EditCollector(stage: stage, rule: rule, input: buffer)
            WordScan.forEachLine(buffer) { line in
                let range = StripStage.trimmed(buffer, line)
                guard !range.isEmpty, let key = key(UnsafeBufferPointer(rebasing: buffer[range])), let count = repeats(key) else { return }
                var start = range.lowerBound
                while start > 0, buffer[start - 1] != 0x0A { start -= 1 }
                var end = range.upperBound
                while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                if end < buffer.count { end += 1 }
                if start == 0 || (start >= 2 && buffer[start - 2] == 0x0A) {
                    while end < buffer.count, buffer[end] == 0x0A { end += 1 }
                }
                collector.delete(start..<end)
                removed.append(
                    .object(
                        JSONObject([
                            ("kind", .string("repeated")), ("text", .string(StripStage.text(buffer, range))), ("rule", .string(rule)),
                            ("documents", JSONValue(count.documents)), ("stories", JSONValue(count.stories)),
                        ])))
            }
            return collector.edits
        }
        return (edits, removed)
    }

    static let rule = "strip:repeated"
    /// The stage `clean`'s second pass names in the edits it makes (the lines go after repair).
    static let cleanStage = "repeated"

    /// The count of a line for a document outside the dump (`unspun strip --line-counts`): its
    /// own story is unknown, so one story and one document fewer are counted as its own.
    func repeatsOutside(_ key: UInt32) -> Count? {
        guard let count = counts[key], count.documents - 1 >= settings.minimumDocuments, count.stories - 1 >= settings.minimumStories else { return nil }
        return count
    }
}
