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
        case line([UInt8], SourceLocation, TextEncoding)
        case done(Element)

        /// Parses the line (thread-safe).
        public func resolve() -> Element {
            switch self {
            case .line(let bytes, let location, let encoding): RecordReader.parseRecord(bytes, at: location, encoding: encoding)
            case .done(let element): element
            }
        }

        /// Bytes of text this record holds, for progress and batching.
        public var size: Int {
            switch self {
            case .line(let bytes, _, _): bytes.count
            case .done(.success(let document)): document.text.utf8.count
            case .done(.failure): 0
            }
        }
    }

    private struct Source {
        var path: String
        var id: String?
    }

    private let format: RecordFormat
    private let encoding: TextEncoding
    private var pending: [String]
    private var sources: [Source] = []
    private var lines: LineReader?
    private var linesName = ""
    /// Files in a directory that are not records, to mention once.
    public private(set) var skippedFiles: [String] = []
    /// The format of the first input, which sets the output format under `auto`.
    public private(set) var firstFormat: RecordFormat?

    /// Records longer than this are rejected unread: a 100 MB "article" is a broken scrape, and
    /// parsing and cleaning it would hold up a whole batch.
    public static let defaultMaximumRecordBytes = 64 << 20
    private let maximumRecordBytes: Int

    public init(inputs: [String], format: RecordFormat = .auto, encoding: TextEncoding = .utf8,
                maximumRecordBytes: Int = RecordReader.defaultMaximumRecordBytes) {
        self.pending = inputs.isEmpty ? ["-"] : inputs
        self.format = format
        self.encoding = encoding
        self.maximumRecordBytes = maximumRecordBytes
    }

    private func tooLong(_ count: Int, at location: SourceLocation, id: String? = nil) -> InputError {
        InputError(location: location, id: id, reason: String(format: "the record is %.1f MB, over the %d MB limit (raise it with --max-record-mb)",
            Double(count) / Double(1 << 20), maximumRecordBytes >> 20))
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
                        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                        let location = SourceLocation(file: linesName, line: lines.lineNumber)
                        if line.count > maximumRecordBytes { return .done(.failure(tooLong(line.count, at: location))) }
                        return .line(Array(line), location, encoding)
                    }
                    consumedBefore += lines.streamOffset
                    self.lines = nil
                } catch {
                    consumedBefore += lines.streamOffset
                    self.lines = nil
                    return .done(.failure(error))
                }
            }
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
        var total = 0
        let fileManager = FileManager.default
        for input in inputs.isEmpty ? ["-"] : inputs {
            guard input != "-" else { return nil }
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: input, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? walk(input).records.map { URL(fileURLWithPath: input).appendingPathComponent($0).path } : [input]
            for file in files { total += (try? fileManager.attributesOfItem(atPath: file)[.size] as? Int) ?? 0 }
        }
        return total
    }

    /// Turns one command-line input into sources: a directory becomes its record files.
    private func expand(_ input: String) {
        var isDirectory: ObjCBool = false
        guard input != "-", FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            sources.append(Source(path: input, id: nil))
            return
        }
        if firstFormat == nil { firstFormat = .jsonl }
        let (found, skipped) = Self.walk(input)
        skippedFiles.append(contentsOf: skipped)
        let root = URL(fileURLWithPath: input)
        sources.append(contentsOf: found.map { Source(path: root.appendingPathComponent($0).path, id: $0) })
    }

    /// A directory's record files (paths relative to it, sorted by bytes so that the order never
    /// depends on the file system or the locale) and the other files (full paths).
    private static func walk(_ directory: String) -> (records: [String], skipped: [String]) {
        let root = URL(fileURLWithPath: directory)
        var records: [String] = [], skipped: [String] = []
        if let walker = FileManager.default.enumerator(atPath: directory) {
            while let relative = walker.nextObject() as? String {
                let full = root.appendingPathComponent(relative).path
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                if RecordFormat.fromName(relative) != nil { records.append(relative) } else { skipped.append(full) }
            }
        }
        records.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return (records, skipped)
    }

    /// Opens a source: JSONL sources start line reading (nil returned), text sources yield their
    /// one document, failures yield an error.
    private func open(_ source: Source) -> Element? {
        let stream: ByteStream
        do {
            stream = try ByteStream(path: source.path)
        } catch {
            return .failure(error)
        }
        var sourceFormat = RecordFormat.fromName(source.path) ?? format
        var head: [UInt8] = []
        do {
            _ = try stream.read(into: &head, count: 1 << 16)
        } catch {
            return .failure(error)
        }
        if head.isEmpty {
            return .failure(InputError(location: SourceLocation(file: stream.name, line: 0), id: source.id, reason: "empty input: no records"))
        }
        if sourceFormat == .auto {
            let firstByte = head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
            sourceFormat = firstByte == UInt8(ascii: "{") ? .jsonl : .text
        }
        if firstFormat == nil { firstFormat = sourceFormat }
        if sourceFormat == .jsonl {
            lines = LineReader(stream: stream, head: head)
            linesName = stream.name
            return nil
        }
        var bytes = head
        do {
            while try stream.read(into: &bytes, count: 1 << 20) > 0 {}
        } catch {
            return .failure(error)
        }
        consumedBefore += stream.offset
        let id = source.id ?? (source.path == "-" ? "stdin" : source.path)
        let location = SourceLocation(file: stream.name, line: 1)
        if bytes.count > maximumRecordBytes { return .failure(tooLong(bytes.count, at: location, id: id)) }
        if bytes.contains(0) {
            return .failure(InputError(location: location, id: id, reason: "binary data (NUL byte), not text"))
        }
        switch decode(bytes) {
        case .success(let text):
            var document = Document(id: id, text: text, source: location)
            document.source = location
            return .success(document)
        case .failure(let failure):
            let (line, column) = bytes.withUnsafeBufferPointer { UTF8Validation.lineAndColumn(of: failure.offset, in: $0) }
            return .failure(InputError(
                location: SourceLocation(file: stream.name, line: line), id: id,
                reason: "not valid UTF-8 at column \(column) (byte 0x\(String(bytes[failure.offset], radix: 16, uppercase: true))); "
                    + "declare the file's encoding with --encoding latin-1 or --encoding windows-1252"))
        }
    }

    private struct InvalidUTF8: Error {
        let offset: Int
    }

    private func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Result<String, InvalidUTF8> {
        let utf8 = encoding.utf8Bytes(from: bytes)
        return utf8.withUnsafeBufferPointer { buffer in
            if let text = String(validating: buffer, as: UTF8.self) { return .success(text) }
            return .failure(InvalidUTF8(offset: UTF8Validation.firstInvalidOffset(in: buffer)))
        }
    }

    private static func parseRecord(_ line: [UInt8], at location: SourceLocation, encoding: TextEncoding) -> Element {
        // Declared legacy encodings convert to valid UTF-8. UTF-8 input is not validated apart:
        // the parser validates every string and rejects any other byte above 0x7F, so only a
        // record that fails to parse needs a look for bad UTF-8, to say that rather than "JSON".
        let bytes = encoding == .utf8 ? line : encoding.utf8Bytes(from: line)
        let value: JSONValue
        do {
            value = try bytes.withUnsafeBufferPointer { buffer throws(JSONError) in try JSONParser.parse(buffer) }
        } catch {
            let invalid = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) }
            if invalid < bytes.count {
                return .failure(InputError(location: location, reason: "not valid UTF-8 at byte \(invalid + 1); declare the encoding with --encoding"))
            }
            return .failure(InputError(location: location, reason: "not valid JSON: \(error)"))
        }
        guard let object = value.objectValue else {
            return .failure(InputError(location: location, reason: "a record must be a JSON object, found \(value.typeName)"))
        }
        var id = location.description
        switch object["id"] {
        case .string(let text)?: id = text
        case .number(let text)?: id = text
        case nil, .null?: break
        case let other?: return .failure(InputError(location: location, reason: "\"id\" must be a string or a number, found \(other.typeName)"))
        }
        guard let textValue = object["text"] else {
            return .failure(InputError(location: location, id: id, reason: "the record has no \"text\" field"))
        }
        guard case .string(let text) = textValue else {
            return .failure(InputError(location: location, id: id, reason: "\"text\" must be a string, found \(textValue.typeName)"))
        }
        var metadata = JSONObject()
        switch object["metadata"] {
        case .object(let fields)?: metadata = fields
        case nil, .null?: break
        case let other?: return .failure(InputError(location: location, id: id, reason: "\"metadata\" must be an object, found \(other.typeName)"))
        }
        var document = Document(id: id, text: text, metadata: metadata, source: location)
        document.record = object
        return .success(document)
    }
}
