import Foundation

/// An output failure (disk full, closed pipe, unwritable folder) with the file it concerns.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Buffered output of documents as JSONL records or plain text, to standard output or a file.
/// A file is written under a temporary name and renamed by `finish()`, so an interrupted run
/// never leaves a truncated file that looks complete.
public final class RecordWriter {
    private let handle: FileHandle
    private let path: String?
    private let temporaryPath: String?
    private let format: RecordFormat
    private var buffer: [UInt8] = []
    private var documentsWritten = 0

    /// Writes to standard output.
    public init(format: RecordFormat) {
        handle = FileHandle.standardOutput
        path = nil
        temporaryPath = nil
        self.format = format
    }

    /// Writes to `path`, atomically on `finish()`.
    public init(path: String, format: RecordFormat) throws(OutputError) {
        let temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { throw OutputError(path: path, reason: "cannot create the file (is the folder writable?)") }
        self.handle = handle
        self.path = path
        temporaryPath = temporary
        self.format = format
    }

    public func write(_ document: Document) throws(OutputError) {
        if format == .text {
            if documentsWritten > 0, buffer.last != 0x0A { buffer.append(0x0A) }
            buffer.append(contentsOf: document.text.utf8)
        } else {
            JSONWriter.write(.object(document.outputRecord()), into: &buffer)
            buffer.append(0x0A)
        }
        documentsWritten += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes one JSON value as a line (for reports and rejects).
    public func writeLine(_ value: JSONValue) throws(OutputError) {
        JSONWriter.write(value, into: &buffer)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw OutputError(path: path ?? "<stdout>", reason: "write failed: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file syncs it and moves it to its final name.
    public func finish() throws(OutputError) {
        try flush()
        guard let path, let temporaryPath else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw OutputError(path: path, reason: "write failed: \(error.localizedDescription)")
        }
        if rename(temporaryPath, path) != 0 {
            throw OutputError(path: path, reason: "cannot rename \(temporaryPath) into place: \(String(cString: strerror(errno)))")
        }
    }
}
