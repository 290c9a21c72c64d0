import CZlib
import Foundation

/// A file or standard input read in chunks; gzip (known by its magic bytes) is undone on the
/// fly, so `.gz` files are streamed, never unpacked whole.
final class ByteStream {
    let name: String
    private let reader: OpaquePointer

    /// Opens a path, or standard input for "-".
    convenience init(path: String) throws(InputError) {
        try self.init(path: path == "-" ? nil : FilePath(path))
    }

    /// Opens a file by its bytes (names need not be UTF-8), or standard input for nil.
    init(path: FilePath?) throws(InputError) {
        name = path?.display ?? "<stdin>"
        let opened = path.map { $0.withCString(czlib_open) } ?? czlib_open_fd(0)
        guard let opened else {
            throw InputError(location: SourceLocation(file: name, line: 0), reason: "cannot open for reading: \(String(cString: strerror(errno)))")
        }
        reader = opened
    }

    deinit { czlib_close(reader) }

    /// Bytes of the file consumed so far (compressed bytes for a .gz file).
    var offset: Int { Int(czlib_offset(reader)) }

    /// Whether the bytes read so far are gzip (nil before the first read).
    var isGzip: Bool? {
        let gzip = czlib_is_gzip(reader)
        return gzip < 0 ? nil : gzip == 1
    }

    /// Bytes after the last gzip member that are not gzip: skipped, and worth a note.
    var trailingBytes: Int { Int(czlib_trailing_bytes(reader)) }

    /// Appends up to `count` bytes; returns how many were read, 0 at the end.
    func read(into buffer: inout [UInt8], count: Int) throws(InputError) -> Int {
        if scratch.count < count { scratch = [UInt8](repeating: 0, count: count) }
        let read = scratch.withUnsafeMutableBufferPointer { czlib_read(reader, $0.baseAddress!, Int64(count)) }
        if read < 0 {
            let message = String(cString: czlib_error(reader))
            throw InputError(location: SourceLocation(file: name, line: 0), reason: "read failed: \(message)")
        }
        scratch.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<Int(read)])) }
        return Int(read)
    }

    /// Where reads land before they are appended (one allocation per stream).
    private var scratch: [UInt8] = []
}

/// Splits a byte stream into lines. A line longer than the limit is not held: it is skipped to
/// its end and reported with its length.
final class LineReader {
    enum Line {
        case bytes(ArraySlice<UInt8>)
        case tooLong(Int)
    }

    let stream: ByteStream
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private let maximumLineBytes: Int
    private(set) var lineNumber = 0
    private static let chunk = 1 << 20

    /// `head` is what was already read from the stream (to sniff its format).
    init(stream: ByteStream, head: [UInt8] = [], maximumLineBytes: Int = .max) {
        self.stream = stream
        self.buffer = head
        self.maximumLineBytes = maximumLineBytes
    }

    var streamOffset: Int { stream.offset }

    /// The next line without its "\n", or nil at the end. A read failure is thrown with the line
    /// number it happened at.
    func nextLine() throws(InputError) -> Line? {
        var searchFrom = position
        // Bytes of an over-long line already dropped from the buffer.
        var dropped = 0
        while true {
            let found = buffer.withUnsafeBufferPointer { bytes -> Int? in
                let newline = WordScan.nextNewline(bytes, from: searchFrom)
                return newline < bytes.count ? newline : nil
            }
            if let newline = found {
                let line = buffer[position..<newline]
                position = newline + 1
                lineNumber += 1
                let length = dropped + line.count
                return length > maximumLineBytes ? .tooLong(length) : .bytes(line)
            }
            if finished {
                guard position < buffer.count || dropped > 0 else { return nil }
                let line = buffer[position...]
                position = buffer.count
                lineNumber += 1
                let length = dropped + line.count
                return length > maximumLineBytes ? .tooLong(length) : .bytes(line)
            }
            if buffer.count - position > maximumLineBytes {
                dropped += buffer.count - position
                position = buffer.count
            }
            if position > 0 {
                buffer.removeSubrange(0..<position)
                position = 0
            }
            searchFrom = buffer.count
            do {
                if try stream.read(into: &buffer, count: Self.chunk) == 0 { finished = true }
            } catch {
                throw InputError(location: SourceLocation(file: stream.name, line: lineNumber + 1), reason: error.reason)
            }
        }
    }
}
