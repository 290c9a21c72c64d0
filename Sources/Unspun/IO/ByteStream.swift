import CZlib
import Foundation

/// A file or standard input read in chunks; gzip is undone on the fly (zlib passes plain bytes
/// through), so `.gz` files are streamed, never unpacked whole.
final class ByteStream {
    let name: String
    private let reader: OpaquePointer

    /// Opens a path, or standard input for "-".
    init(path: String) throws(InputError) {
        name = path == "-" ? "<stdin>" : path
        let opened = path == "-" ? czlib_open_fd(0) : czlib_open(path)
        guard let opened else {
            throw InputError(location: SourceLocation(file: name, line: 0), reason: "cannot open for reading")
        }
        reader = opened
    }

    deinit { czlib_close(reader) }

    /// Bytes of the file consumed so far (compressed bytes for a .gz file).
    var offset: Int { Int(czlib_offset(reader)) }

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

/// Splits a byte stream into lines, however long a line is.
final class LineReader {
    private let stream: ByteStream
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private(set) var lineNumber = 0
    private static let chunk = 1 << 20

    /// `head` is what was already read from the stream (to sniff its format).
    init(stream: ByteStream, head: [UInt8] = []) {
        self.stream = stream
        self.buffer = head
    }

    var streamOffset: Int { stream.offset }

    /// The next line without its "\n", or nil at the end. A read failure is thrown with the line
    /// number it happened at.
    func nextLine() throws(InputError) -> ArraySlice<UInt8>? {
        var searchFrom = position
        while true {
            let found = buffer.withUnsafeBufferPointer { bytes -> Int? in
                let newline = WordScan.nextNewline(bytes, from: searchFrom)
                return newline < bytes.count ? newline : nil
            }
            if let newline = found {
                let line = buffer[position..<newline]
                position = newline + 1
                lineNumber += 1
                return line
            }
            if finished {
                guard position < buffer.count else { return nil }
                let line = buffer[position...]
                position = buffer.count
                lineNumber += 1
                return line
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
