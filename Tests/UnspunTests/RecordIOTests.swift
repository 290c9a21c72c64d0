import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

@Suite struct RecordIOTests {
    func write(_ content: [UInt8], name: String) throws -> String {
        let url = try Repo.temporaryDirectory().appendingPathComponent(name)
        try Data(content).write(to: url)
        return url.path
    }

    func read(_ path: String, format: RecordFormat = .auto) -> [Result<Document, InputError>] {
        Array(RecordReader(inputs: [path], format: format))
    }

    @Test func roundTripKeepsEveryFieldInOrder() throws {
        let line = #"{"url":"https://x.test/a","id":"a1","text":"Caf\u00e9 &amp; bar","metadata":{"source":{"name":"x","tags":[1,2.50,true,null]},"n":1e3},"extra":[{"k":"v"}]}"#
        let path = try write(Array((line + "\n").utf8), name: "in.jsonl")
        let documents = try read(path).map { try $0.get() }
        #expect(documents.count == 1)
        var document = try #require(documents.first)
        #expect(document.id == "a1")
        try NormalizeStage().process(&document)
        let out = JSONWriter.string(.object(document.outputRecord()))
        let parsed = try #require(try JSONParser.parse(out).objectValue)
        #expect(parsed.keys == ["url", "id", "text", "metadata", "extra"])
        #expect(parsed["url"] == "https://x.test/a")
        #expect(parsed["extra"] == .array([.object(JSONObject([("k", "v")]))]))
        let metadata = try #require(parsed["metadata"]?.objectValue)
        #expect(metadata["source"] == .object(JSONObject([("name", "x"), ("tags", [.number("1"), .number("2.50"), true, .null])])))
        #expect(metadata["n"] == .number("1e3"))
        #expect(parsed["text"] == "Café & bar")
        #expect(metadata["edits"]?.arrayValue?.count == 1)
    }

    @Test func recordWithoutIdIsNamedByFileAndLine() throws {
        let path = try write(Array("\n{\"text\":\"one\"}\n".utf8), name: "noid.jsonl")
        let document = try #require(try read(path).first?.get())
        #expect(document.id == "\(path):2")
    }

    @Test(arguments: [
        ("{\"id\":\"x\",\"text\":\"fine\"}\nnot json at all\n", 2, "not valid JSON"),
        ("{\"id\":\"x\",\"text\":42}\n", 1, "\"text\" must be a string, found a number"),
        ("{\"id\":\"x\"}\n", 1, "no \"text\" field"),
        ("[1,2]\n", 1, "must be a JSON object"),
        ("{\"text\":\"a\",\"metadata\":[]}\n", 1, "\"metadata\" must be an object"),
        ("{\"text\":\"cut off\n", 1, "not valid JSON"),
    ])
    func badRecordsNameFileAndLine(content: String, line: Int, reason: String) throws {
        let path = try write(Array(content.utf8), name: "bad.jsonl")
        let errors = read(path).compactMap { result -> InputError? in
            if case .failure(let error) = result { return error }
            return nil
        }
        let error = try #require(errors.first)
        #expect(error.location.file == path)
        #expect(error.location.line == line)
        #expect(error.reason.contains(reason), "\(error)")
    }

    @Test func invalidUTF8IsReportedNotGuessed() throws {
        let path = try write(Array("first line\nsecond caf".utf8) + [0xE9] + Array(" line\n".utf8), name: "latin.txt")
        guard case .failure(let error) = try #require(read(path).first) else {
            Issue.record("a Latin-1 file was read as UTF-8")
            return
        }
        #expect(error.location.line == 2)
        #expect(error.description.contains("not valid UTF-8 at column 11"))
        #expect(error.description.contains("--encoding"))
        let declared = Array(RecordReader(inputs: [path], encoding: .latin1))
        #expect(try declared.first?.get().text == "first line\nsecond café line\n")
    }

    @Test func emptyFileIsAnError() throws {
        let path = try write([], name: "empty.txt")
        guard case .failure(let error) = try #require(read(path).first) else {
            Issue.record("an empty file produced a document")
            return
        }
        #expect(error.reason.contains("empty input"))
    }

    @Test func fiftyMegabyteSingleLineDocument() throws {
        let sentence = Array("The quick brown fox jumps over the lazy dog. ".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(50 << 20)
        while text.count < 50 << 20 { text.append(contentsOf: sentence) }
        var line = Array("{\"id\":\"big\",\"text\":\"".utf8)
        line.append(contentsOf: text)
        line.append(contentsOf: Array("\"}\n".utf8))
        let path = try write(line, name: "big.jsonl")
        let documents = try read(path).map { try $0.get() }
        #expect(documents.count == 1)
        #expect(documents[0].text.utf8.count == text.count)
    }

    @Test func directoriesAreWalkedInByteOrderWithRelativeIds() throws {
        let ids = try read(Repo.seeds.path).map { try $0.get().id }
        #expect(ids == Repo.seedNames)
    }

    @Test func gzipIsStreamedAndTruncationReported() throws {
        let directory = try Repo.temporaryDirectory()
        let plain = directory.appendingPathComponent("d.jsonl")
        let lines = (1...2000).map { "{\"id\":\"\($0)\",\"text\":\"Story number \($0) has some words in it.\"}" }
        try (lines.joined(separator: "\n") + "\n").write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = plain.path + ".gz"
        #expect(try read(compressed).map { try $0.get().id } == (1...2000).map(String.init))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: compressed))
        let truncated = try write(Array(bytes.prefix(bytes.count / 2)), name: "cut.jsonl.gz")
        let results = read(truncated)
        let failures = results.filter { if case .failure = $0 { return true } else { return false } }
        #expect(failures.count == 1)
        #expect(results.count < 2000)
    }

    @Test func deeplyNestedJSONIsRejected() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let path = try write(Array("{\"text\":\"a\",\"x\":\(deep)}\n".utf8), name: "deep.jsonl")
        guard case .failure(let error) = try #require(read(path).first) else {
            Issue.record("nesting was accepted")
            return
        }
        #expect(error.reason.contains("nesting deeper than"))
    }

    /// Pass 2 of `clean` splices story fields into spooled records; the bytes must be what
    /// parsing the record, setting the fields and writing it again gives.
    @Test(arguments: [
        #"{"id":"a","text":"plain","metadata":{}}"#,
        #"{"id":"b","text":"quote \" and \\ and \n and \u2028 and {brace} [x]","metadata":{"removed":[{"kind":"share","text":"Share \"this\"","rule":"r"}],"n":-1.5e3,"ok":true,"none":null}}"#,
        #"{"url":"u","id":"c","metadata":{"edits":[{"stage":"strip","start":0,"end":3,"before":"},]","after":""}]},"text":"after metadata","extra":[1,{"text":"inner"}]}"#,
    ])
    func splicedStoryFieldsMatchRewriting(_ line: String) throws {
        let record = try #require(RawRecord(Array(line.utf8)))
        let spliced = record.addingToMetadata([("story", Array(#""story:1""#.utf8)), ("canonical", Array("false".utf8))])
        var document = try RecordReader.Pending.line(Array(line.utf8), SourceLocation(file: "x", line: 1), .utf8, allowMarkup: false).resolve().get()
        document.metadata["story"] = .string("story:1")
        document.metadata["canonical"] = .bool(false)
        #expect(String(decoding: spliced + [0x0A], as: UTF8.self) == String(decoding: RecordWriter.encode(document, format: .jsonl), as: UTF8.self))
        var text: [UInt8] = []
        JSONWriter.writeString(document.text, into: &text)
        #expect(Array(record.bytes[record.text]) == text)
    }

    @Test(arguments: [#"{"id":"a","text":"x"}"#, #"{"id":"a", "text":"x","metadata":{}}"#, #"{"text":1,"metadata":{}}"#, #"{"text":"x","metadata":{}} "#, #"{"text":"x","metadata":{"a":"#])
    func recordsTheSpliceCannotReadAreLeftToTheParser(_ line: String) {
        #expect(RawRecord(Array(line.utf8)) == nil)
    }

    @Test func spliceSeesTheKeysMetadataHas() throws {
        let record = try #require(RawRecord(Array(#"{"text":"x","metadata":{"story":"s","spun":true}}"#.utf8)))
        #expect(record.metadataHasKey("story") && record.metadataHasKey("spun") && !record.metadataHasKey("canonical"))
    }
}
