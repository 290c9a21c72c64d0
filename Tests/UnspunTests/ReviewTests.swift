import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// `unspun review` (the page's data; the page itself is checked in Chromium by `make
/// review-test`) and `--unbuffered`, which the Python package drives the stages with.
@Suite struct ReviewTests {
    @Test func unbufferedAnswersEachRecordBeforeTheNextIsRead() throws {
        let process = Process()
        process.executableURL = Repo.binary
        process.arguments = ["repair", "--format", "jsonl", "--unbuffered"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let collected = ErrorCollector(errors.fileHandleForReading)
        var answers: [String] = []
        for (index, text) in ["They had to tug back.", "<html><body><p>x</p></body></html>", "Up to now the talks went well."].enumerated() {
            input.fileHandleForWriting.write(Data("{\"id\":\"r\(index)\",\"text\":\"\(text)\"}\n".utf8))
            if index == 1 { continue }  // rejected: nothing comes back for it
            // Standard input stays open: the answer must come without it being closed.
            let line = readLine(output.fileHandleForReading, timeout: 60)
            if line == nil { process.terminate() }
            answers.append(try #require(line, "no answer to record \(index) while the pipe stayed open"))
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        #expect(answers[0].hasPrefix(#"{"id":"r0","text":"They had to pull back.""#))
        #expect(answers[1].hasPrefix(#"{"id":"r2","text":"Up to now the talks went well.""#))
        #expect(String(decoding: collected.wait(), as: UTF8.self).contains("<stdin>:2 (id r1): this looks like HTML"))
        // Byte for byte what the buffered run writes.
        let buffered = try Run(
            ["repair", "--format", "jsonl"],
            input: Data("{\"id\":\"r0\",\"text\":\"They had to tug back.\"}\n{\"id\":\"r2\",\"text\":\"Up to now the talks went well.\"}\n".utf8))
        #expect(buffered.stdout == answers.map { $0 + "\n" }.joined())
    }

    @Test func thePagesDataRebuildsEveryInputAndNamesEveryRemovedLine() throws {
        let out = try Repo.temporaryDirectory().appendingPathComponent("out").path
        #expect(try Run(["clean", Repo.seeds.path, "--out", out, "--quiet"]).status == 0)
        var index = ReviewIndex()
        for item in RecordReader(inputs: [out + "/documents.jsonl"], format: .jsonl, allowMarkup: true) {
            let document = try item.get()
            let entry = try #require(index.add(document, chunk: 0).arrayValue)
            let edits = try #require(entry[1].arrayValue).compactMap(\.arrayValue)
            // The input comes back from the text and edits the page holds.
            let rebuilt = EditLog.rebuildOriginal(text: try #require(entry[0].stringValue), edits: document.allEdits)
            #expect(rebuilt == (try String(contentsOf: Repo.seeds.appendingPathComponent(document.id), encoding: .utf8)))
            #expect(edits.count == document.allEdits.count)
            // Every removed line listed by strip has a kind on its edit's line.
            let removed = document.metadata["removed"]?.arrayValue?.count ?? 0
            let named = edits.filter { $0.count == 7 }.flatMap { $0[6].arrayValue ?? [] }.filter { $0 != JSONValue(-1) }.count
            #expect(named >= removed, "\(document.id): \(named) named lines, \(removed) removed")
        }
        #expect(index.count == 5)
    }

    @Test func reviewWritesOneSelfContainedPage() throws {
        let out = try Repo.temporaryDirectory().appendingPathComponent("out").path
        #expect(try Run(["clean", Repo.seeds.path, "--out", out, "--quiet"]).status == 0)
        let run = try Run(["review", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("review.html: 5 documents"))
        let page = try String(contentsOfFile: out + "/review.html", encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
        for outside in ["<link", " src=", "http://", "https://", "@import", "url("] {
            #expect(!page.contains(outside), "the page refers outside itself: \(outside)")
        }
        #expect(page.components(separatedBy: "P.c.push(").count == 2)  // one chunk of documents
        let missing = try Run(["review", out + "/nowhere"])
        #expect(missing.status == 64 && missing.stderr.contains("holds no documents.jsonl"))
    }
}

/// One line from a pipe, or nil if none comes within `timeout` seconds.
private func readLine(_ handle: FileHandle, timeout: Double) -> String? {
    final class Box: @unchecked Sendable { var line: String? }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Thread {
        var bytes: [UInt8] = []
        while true {
            let chunk = handle.readData(ofLength: 1)
            guard let byte = chunk.first else { break }
            if byte == 0x0A {
                box.line = String(decoding: bytes, as: UTF8.self)
                break
            }
            bytes.append(byte)
        }
        done.signal()
    }.start()
    return done.wait(timeout: .now() + timeout) == .success ? box.line : nil
}
