import CZlib
import Foundation

/// An output failure (disk full, closed pipe, unwritable folder) with the file it concerns.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// The reader of standard output went away (`unspun strip dump.jsonl | head`): not a failure
    /// of the run, which stops quietly.
    public var isClosedPipe = false
    public var description: String { "\(path): \(reason)" }
}

/// Buffered output of documents as JSONL records or plain text, to standard output or a file.
/// A file is written under a temporary name and renamed by `finish()`, so an interrupted run
/// never leaves a truncated file that looks complete; a file named `.gz` is gzip-compressed.
public final class RecordWriter {
    private let handle: FileHandle
    private let path: String?
    private let temporaryPath: String?
    private let format: RecordFormat
    /// The compressor of a `.gz` file.
    private let deflater: OpaquePointer?
    private var buffer: [UInt8] = []
    private var documentsWritten = 0
    /// The last byte already flushed, for the text format's separating newline.
    private var lastByte: UInt8?
    /// Bytes handed to this writer so far (flushed or not), counting from the file's start.
    public private(set) var byteCount = 0

    /// Writes to standard output.
    public init(format: RecordFormat) {
        handle = FileHandle.standardOutput
        path = nil
        temporaryPath = nil
        self.format = format
        deflater = nil
    }

    deinit { czlib_deflater_close(deflater) }

    /// Writes to `path`, atomically on `finish()`. With `resumingAt`, the unfinished file of an
    /// interrupted run is kept up to that many bytes and written on from there.
    public init(path: String, format: RecordFormat, resumingAt offset: Int? = nil) throws(OutputError) {
        let temporary = path + ".partial"
        if let offset {
            guard truncate(temporary, off_t(offset)) == 0, let handle = FileHandle(forWritingAtPath: temporary) else {
                throw OutputError(path: temporary, reason: "cannot resume: \(String(cString: strerror(errno)))")
            }
            _ = try? handle.seekToEnd()
            self.handle = handle
            byteCount = offset
        } else {
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporary)
            else { throw OutputError(path: path, reason: "cannot create the file (is the folder writable?)") }
            self.handle = handle
        }
        self.path = path
        temporaryPath = temporary
        self.format = format
        if offset == nil, path.lowercased().hasSuffix(".gz") {
            guard let opened = czlib_deflater_open() else { throw OutputError(path: path, reason: "cannot start gzip compression") }
            deflater = opened
        } else {
            deflater = nil
        }
    }

    /// A document as this writer would write it (to serialize on worker threads).
    public static func encode(_ document: Document, format: RecordFormat) -> [UInt8] {
        var bytes: [UInt8] = []
        if format == .text {
            bytes.append(contentsOf: document.text.utf8)
        } else {
            JSONWriter.write(.object(document.outputRecord()), into: &bytes)
            bytes.append(0x0A)
        }
        return bytes
    }

    /// Between two documents written as text: a line holding only a form feed.
    public static let textSeparator: [UInt8] = [0x0C, 0x0A]

    /// Writes what `encode` made of one document.
    public func write(encoded bytes: [UInt8]) throws(OutputError) {
        if format == .text, documentsWritten > 0 {
            if (buffer.last ?? lastByte) != 0x0A { append([0x0A]) }
            append(Self.textSeparator)
        }
        append(bytes)
        documentsWritten += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        byteCount += bytes.count
    }

    public func write(_ document: Document) throws(OutputError) {
        try write(encoded: Self.encode(document, format: format))
    }

    /// Writes one JSON value as a line (for reports and rejects).
    public func writeLine(_ value: JSONValue) throws(OutputError) {
        let start = buffer.count
        JSONWriter.write(value, into: &buffer)
        buffer.append(0x0A)
        byteCount += buffer.count - start
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func flush() throws(OutputError) {
        try flush(finishing: false)
    }

    private func flush(finishing: Bool) throws(OutputError) {
        guard !buffer.isEmpty || (finishing && deflater != nil) else { return }
        if let deflater {
            var compressed: UnsafePointer<UInt8>?
            let count = buffer.withUnsafeBufferPointer { czlib_deflate(deflater, $0.baseAddress, Int64($0.count), finishing ? 1 : 0, &compressed) }
            guard count >= 0, let compressed else { throw OutputError(path: path ?? "<stdout>", reason: "gzip compression failed") }
            try writeAll(UnsafeRawBufferPointer(start: compressed, count: Int(count)))
        } else {
            var failure: OutputError?
            buffer.withUnsafeBytes { bytes in
                do throws(OutputError) { try writeAll(bytes) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        lastByte = buffer.last ?? lastByte
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        // POSIX writes, so that a full disk or a file size limit is named as such (ENOSPC, EFBIG).
        let descriptor = handle.fileDescriptor
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                let failure = errno
                if failure == EINTR { continue }
                throw OutputError(path: path ?? "<stdout>", reason: "write failed: \(String(cString: strerror(failure)))", isClosedPipe: failure == EPIPE)
            }
            offset += written
        }
    }

    /// Flushes, and for a file syncs it and moves it to its final name.
    public func finish() throws(OutputError) {
        try flush(finishing: true)
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
