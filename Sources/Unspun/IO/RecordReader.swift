import Foundation

/// Reads documents from files, directories and standard input, in the order given.
///
/// - A `.jsonl` (or `.jsonl.gz`) file holds one record per line; a record without `id` is
///   named `FILE:LINE`.
/// - A `.txt` (or `.txt.gz`) file is one document; a directory is walked for such files, each
///   named by its path relative to the directory.
/// - Standard input ("-") and other names follow `format` (`auto` sniffs for `{`).
///
/// Bad records come back as `.failure` with file, line and reason, and reading goes on.
///
/// For parallel work, `nextPending()` hands out JSONL lines still to be parsed, so that the
/// parsing (most of reading's cost) runs on the worker threads.
public final class RecordReader: IteratorProtocol, Sequence {
    public typealias Element = Result<Document, InputError>

    /// A record as read: a JSONL line still to be parsed, or a finished document or failure.
    public enum Pending: Sendable {
        case line([UInt8], SourceLocation, TextEncoding, allowMarkup: Bool)
        case done(Element)

        /// Parses the line (thread-safe).
        public func resolve() -> Element {
            switch self {
            case .line(let bytes, let location, let encoding, let allowMarkup):
                RecordReader.parseRecord(bytes, at: location, encoding: encoding, allowMarkup: allowMarkup)
            case .done(let element): element
            }
        }

        /// Bytes of text this record holds, for progress and batching.
        public var size: Int {
            switch self {
            case .line(let bytes, _, _, _): bytes.count
            case .done(.success(let document)): document.text.utf8.count
            case .done(.failure): 0
            }
        }
    }

    private struct Source {
        /// nil for standard input.
        var path: FilePath?
        var id: String?
    }

    private let format: RecordFormat
    let encoding: TextEncoding
    private var pending: [String]
    private var sources: [Source] = []
    private var lines: LineReader?
    private var linesName = ""
    /// Entries of input folders that hold no records, to mention once.
    public private(set) var skippedFiles: [SkippedFile] = []
    /// What reading noticed and went on from (bytes after a gzip stream), to mention once.
    public private(set) var notes: [String] = []
    /// Folders that could not be read, to reject in turn.
    private var unreadable: [InputError] = []
    /// The format of the first input, which sets the output format under `auto`.
    public private(set) var firstFormat: RecordFormat?

    /// Records longer than this are rejected unread: a 100 MB "article" is a broken scrape, and
    /// parsing and cleaning it would hold up a whole batch.
    public static let defaultMaximumRecordBytes = 64 << 20
    private let maximumRecordBytes: Int

    /// Texts that look like HTML (`MarkupCheck`) are rejected unless this is set.
    private let allowMarkup: Bool

    public init(
        inputs: [String], format: RecordFormat = .auto, encoding: TextEncoding = .utf8,
        maximumRecordBytes: Int = RecordReader.defaultMaximumRecordBytes, allowMarkup: Bool = false
    ) {
        self.pending = inputs.isEmpty ? ["-"] : inputs
        self.format = format
        self.encoding = encoding
        self.maximumRecordBytes = maximumRecordBytes
        self.allowMarkup = allowMarkup
    }

    /// A record over the limit, `count` bytes long as far as it was read (text documents are read
    /// no further than the limit; a JSONL line is skipped to its end without being held).
    private func tooLong(_ count: Int, at location: SourceLocation, id: String? = nil, complete: Bool) -> InputError {
        InputError(
            location: location, id: id,
            reason: String(
                format: "the record is %@%.1f MB, over the %d MB limit (raise it with --max-record-mb)",
                complete ? "" : "over ", Double(count) / Double(1 << 20), maximumRecordBytes >> 20))
    }

    public func next() -> Element? {
        nextPending()?.resolve()
    }

    /// Compressed bytes consumed so far from all inputs (for progress against file sizes).
    public var bytesConsumed: Int { consumedBefore + (lines?.streamOffset ?? 0) }
    private var consumedBefore = 0

    /// The next records, at most `records` of them and about `maximumBytes` (a record that
    /// crosses the limit ends the batch); nil at the end of the input.
    public func nextBatch(records: Int, maximumBytes: Int = 32 << 20) -> [Pending]? {
        var batch: [Pending] = []
        var bytes = 0
        while batch.count < records, bytes < maximumBytes, let pending = nextPending() {
            batch.append(pending)
            bytes += pending.size
        }
        return batch.isEmpty ? nil : batch
    }

    /// The next record, its JSON not yet parsed.
    public func nextPending() -> Pending? {
        while true {
            if let lines {
                do {
                    while let line = try lines.nextLine() {
                        let location = SourceLocation(file: linesName, line: lines.lineNumber)
                        guard case .bytes(let bytes) = line else {
                            if case .tooLong(let count) = line { return .done(.failure(tooLong(count, at: location, complete: true))) }
                            continue
                        }
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                        return .line(Array(bytes), location, encoding, allowMarkup: allowMarkup)
                    }
                    consumedBefore += lines.streamOffset
                    noteTrailingBytes(of: lines.stream)
                    self.lines = nil
                } catch {
                    consumedBefore += lines.streamOffset
                    self.lines = nil
                    return .done(.failure(error))
                }
            }
            if !unreadable.isEmpty { return .done(.failure(unreadable.removeFirst())) }
            if !sources.isEmpty {
                let source = sources.removeFirst()
                if let result = open(source) { return .done(result) }
                continue
            }
            guard !pending.isEmpty else { return nil }
            expand(pending.removeFirst())
        }
    }

    /// Bytes of all inputs on disk (folders walked for record files), or nil when one is
    /// standard input; progress compares `bytesConsumed` with it.
    public static func totalSize(of inputs: [String]) -> Int? {
        DirectoryWalk.totalSize(of: inputs)
    }

    /// Turns one command-line input into sources: a directory becomes its record files. A file
    /// named on the command line is read whatever it is (a FIFO too).
    private func expand(_ input: String) {
        guard input != "-" else {
            sources.append(Source(path: nil, id: nil))
            return
        }
        let path = FilePath(input)
        var info = stat()
        guard path.withCString({ stat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            sources.append(Source(path: path, id: nil))
            return
        }
        if firstFormat == nil { firstFormat = .jsonl }
        let walk = DirectoryWalk(path)
        skippedFiles.append(contentsOf: walk.skipped)
        unreadable.append(contentsOf: walk.unreadable)
        sources.append(contentsOf: walk.records.map { Source(path: $0.path, id: $0.relative.display) })
    }

    private func noteTrailingBytes(of stream: ByteStream) {
        let trailing = stream.trailingBytes
        if trailing > 0 { notes.append("\(stream.name): \(trailing) bytes after the end of the gzip data are not gzip; they were skipped") }
    }

    /// Opens a source: JSONL sources start line reading (nil returned), text sources yield their
    /// one document, failures yield an error.
    private func open(_ source: Source) -> Element? {
        let stream: ByteStream
        var head: [UInt8] = []
        do {
            stream = try ByteStream(path: source.path)
            _ = try stream.read(into: &head, count: 1 << 16)
        } catch {
            return .failure(error)
        }
        let name = source.path?.display ?? "-"
        if head.isEmpty {
            // An empty pipe is an upstream step with nothing to pass on; an empty file is damage.
            guard source.path != nil else {
                notes.append("standard input was empty: no records")
                return nil
            }
            return .failure(InputError(location: SourceLocation(file: stream.name, line: 0), id: source.id, reason: "empty input: no records"))
        }
        if name.lowercased().hasSuffix(".gz"), stream.isGzip == false {
            return .failure(
                InputError(
                    location: SourceLocation(file: stream.name, line: 0), id: source.id,
                    reason: "the name ends in .gz but the file is not gzip-compressed; rename it or compress it"))
        }
        // A byte order mark says only "UTF-8": it is no part of the first record.
        let bom = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var sourceFormat = RecordFormat.fromName(name) ?? format
        if sourceFormat == .auto {
            let firstByte = head.dropFirst(bom).first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
            sourceFormat = firstByte == UInt8(ascii: "{") ? .jsonl : .text
        }
        if firstFormat == nil { firstFormat = sourceFormat }
        if sourceFormat == .jsonl {
            lines = LineReader(stream: stream, head: Array(head.dropFirst(bom)), maximumLineBytes: maximumRecordBytes)
            linesName = stream.name
            return nil
        }
        let id = source.id ?? source.path?.display ?? "stdin"
        let location = SourceLocation(file: stream.name, line: 1)
        // A text document is read no further than the limit: a record that never ends (a device,
        // a runaway pipe) cannot fill the memory.
        var bytes = head
        do {
            while bytes.count <= maximumRecordBytes, try stream.read(into: &bytes, count: Swift.min(1 << 20, maximumRecordBytes - bytes.count + 1)) > 0 {}
        } catch {
            return .failure(error)
        }
        consumedBefore += stream.offset
        noteTrailingBytes(of: stream)
        if bytes.count > maximumRecordBytes { return .failure(tooLong(bytes.count, at: location, id: id, complete: false)) }
        return Self.textRecord(bytes, id: id, location: location, encoding: encoding, allowMarkup: allowMarkup)
    }
}
