// libFuzzer entry point for the JSONL reader and every stage (`make fuzz`; not part of `make test`).
// Compiled in one module with the library's sources, so it calls internal API directly.
//
// The first input byte picks the target; the rest is the input:
//   0     JSONL: each line parsed as a record, each record through normalize, strip and repair;
//         written back, the record must be readable by `RawRecord`, whose splice of story fields
//         must equal setting them and writing the record again (pass 2 of `clean`)
//   1...4 one stage (normalize, strip, repair, all three) on the bytes as text, when valid UTF-8
//   5     ICU sentence breaks of the bytes, UTF-8 or not: they must tile the bytes, and in valid
//         UTF-8 every newline must end a sentence (reference repair breaks copies line by line)
// Beyond crashes and hangs, a broken property stops the fuzzer too: the change record must
// rebuild the exact input, a single stage must be idempotent, and output must be valid JSONL.
import Foundation

private let rules = RuleBook(directory: ProcessInfo.processInfo.environment["UNSPUN_RULES"] ?? "Rules")
private let pipelines: [(String, [StageKind])] = [
    ("normalize", [.normalize]), ("strip", [.strip]), ("repair", [.repair]), ("all", [.normalize, .strip, .repair]),
]
private nonisolated(unsafe) let built: [Pipeline] = pipelines.map { try! Pipeline($0.1, rules: rules) }

private func check(_ text: String, pipeline index: Int) {
    let pipeline = built[index]
    guard case .success(let once) = pipeline.process(Document(id: "fuzz", text: text)) else { return }
    guard EditLog.rebuildOriginal(text: once.text, edits: once.edits) == text else {
        fatalError("\(pipelines[index].0): the change record does not rebuild \(text.debugDescription)")
    }
    if pipelines[index].1.count == 1, case .success(let twice) = pipeline.process(Document(id: "fuzz", text: once.text)), twice.text != once.text {
        fatalError("\(pipelines[index].0) is not idempotent on \(text.debugDescription)")
    }
    let line = JSONWriter.string(.object(once.outputRecord()))
    guard !line.contains("\n"), (try? JSONParser.parse(line))?.objectValue?["text"]?.stringValue == once.text else {
        fatalError("output is not one valid JSONL record for \(text.debugDescription)")
    }
}

private func checkSplice(_ document: Document) {
    var written = RecordWriter.encode(document, format: .jsonl)
    written.removeLast()
    guard let record = RawRecord(written) else { fatalError("RawRecord cannot read \(String(decoding: written, as: UTF8.self).debugDescription)") }
    guard !["story", "canonical"].contains(where: record.metadataHasKey) else { return }
    var rewritten = document
    rewritten.metadata["story"] = .string("s")
    rewritten.metadata["canonical"] = .bool(true)
    guard
        record.addingToMetadata([("story", Array(#""s""#.utf8)), ("canonical", Array("true".utf8))]) + [0x0A]
            == RecordWriter.encode(rewritten, format: .jsonl)
    else { fatalError("the splice differs from rewriting \(String(decoding: written, as: UTF8.self).debugDescription)") }
}

private nonisolated(unsafe) let sentenceBreaker = try! SentenceBreaker(locale: "en@ss=standard")

private func checkSentences(_ bytes: [UInt8]) {
    let sentences = bytes.withUnsafeBufferPointer { sentenceBreaker.sentences(in: $0) }
    let ends = Set(sentences.map(\.upperBound))
    guard sentences.first?.lowerBound ?? 0 == 0, sentences.last?.upperBound ?? 0 == bytes.count,
        zip(sentences, sentences.dropFirst()).allSatisfy({ $0.upperBound == $1.lowerBound })
    else { fatalError("sentence breaks do not tile \(bytes)") }
    guard String(validating: bytes, as: UTF8.self) != nil else { return }
    for (index, byte) in bytes.enumerated() where byte == 0x0A && !ends.contains(index + 1) {
        fatalError("a sentence runs past the newline at byte \(index) of \(String(decoding: bytes, as: UTF8.self).debugDescription)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let target = Int(data[0]) % (pipelines.count + 2)
    if target == pipelines.count + 1 {
        checkSentences(bytes)
    } else if target == 0 {
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: true).enumerated() {
            let pending = RecordReader.Pending.line(Array(line), SourceLocation(file: "fuzz", line: number + 1), .utf8, allowMarkup: false)
            if case .success(let document) = pending.resolve() {
                checkSplice(document)
                check(document.text, pipeline: pipelines.count - 1)
            }
        }
    } else if let text = String(validating: bytes, as: UTF8.self) {
        check(text, pipeline: target - 1)
    }
    return 0
}
