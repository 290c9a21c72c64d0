import CZlib
import Foundation

/// Writes the review page of a `clean` output folder: one static HTML file that shows what was
/// removed and changed, with no network, scripts or fonts from elsewhere.
///
/// Documents are packed in chunks of JSON, gzip-compressed and base64-encoded into the page; the
/// browser unpacks a chunk (DecompressionStream) only when one of its documents is shown, and
/// keeps in memory an index of ids, stories, kinds and rules for search and filters. Each
/// document's input text is rebuilt in the page from its output and change record.
public enum ReviewPage {
    public struct Summary: Sendable {
        public var documents = 0
        public var bytes = 0
    }

    /// Reads `folder` (documents.jsonl, report.json, rejects.jsonl) and writes the page to `path`.
    public static func write(folder: String, to path: String, chunkDocuments: Int = 256) throws -> Summary {
        let documentsPath = (folder as NSString).appendingPathComponent("documents.jsonl")
        guard FileManager.default.fileExists(atPath: documentsPath) else {
            throw OutputError(path: documentsPath, reason: "no such file: run `unspun clean ... --out \(folder)` first")
        }
        let writer = try RecordWriter(path: path, format: .jsonl)
        try writer.write(encoded: Array(ReviewAssets.head.utf8))
        var index = ReviewIndex()
        var chunk: [JSONValue] = []
        var summary = Summary()
        func flushChunk() throws {
            guard !chunk.isEmpty else { return }
            try writer.write(encoded: Array("<script>P.c.push(\"\(try packed(.array(chunk)))\")</script>\n".utf8))
            chunk.removeAll(keepingCapacity: true)
        }
        for item in RecordReader(inputs: [documentsPath], format: .jsonl, maximumRecordBytes: .max, allowMarkup: true) {
            let document: Document
            do { document = try item.get() } catch { throw OutputError(path: documentsPath, reason: error.description) }
            chunk.append(index.add(document, chunk: index.count / chunkDocuments))
            summary.documents += 1
            if chunk.count == chunkDocuments { try flushChunk() }
        }
        try flushChunk()
        let data = JSONObject(
            [
                ("report", readJSON(folder, "report.json") ?? .object(JSONObject())),
                ("rejects", .array(readRejects(folder))), ("chunk", JSONValue(chunkDocuments)),
            ] + index.tables)
        try writer.write(encoded: Array("<script>P.i=\"\(try packed(.object(data)))\"</script>\n".utf8))
        try writer.write(encoded: Array(ReviewAssets.script.utf8))
        summary.bytes = writer.byteCount
        try writer.finish()
        return summary
    }

    /// JSON, gzip-compressed, in base64.
    static func packed(_ value: JSONValue) throws(OutputError) -> String {
        var bytes: [UInt8] = []
        JSONWriter.write(value, into: &bytes)
        guard let deflater = czlib_deflater_open() else { throw OutputError(path: "review", reason: "cannot start gzip compression") }
        defer { czlib_deflater_close(deflater) }
        var output: UnsafePointer<UInt8>?
        let count = bytes.withUnsafeBufferPointer { czlib_deflate(deflater, $0.baseAddress, Int64($0.count), 1, &output) }
        guard count >= 0, let output else { throw OutputError(path: "review", reason: "gzip compression failed") }
        return Data(bytes: output, count: Int(count)).base64EncodedString()
    }

    private static func readJSON(_ folder: String, _ name: String) -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) else { return nil }
        return try? JSONParser.parse(String(decoding: data, as: UTF8.self))
    }

    /// rejects.jsonl's records as [file, line, id, reason].
    private static func readRejects(_ folder: String) -> [JSONValue] {
        let path = (folder as NSString).appendingPathComponent("rejects.jsonl")
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let record = (try? JSONParser.parse(String(line)))?.objectValue else { return nil }
            return .array(["file", "line", "id", "reason"].map { record[$0] ?? .null })
        }
    }
}
