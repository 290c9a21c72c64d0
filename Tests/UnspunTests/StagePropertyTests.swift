import PropertyBased
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// Properties every per-document stage keeps on random and adversarial text: running it twice
/// equals running it once, the change record rebuilds the exact input, and the output survives a
/// trip through JSONL. The three stages in a row keep the record and the JSONL properties; they
/// are not idempotent as a whole (repair's changes can tip strip's classifier on a second pass).
@Suite struct StagePropertyTests {
    /// Lines a scraped article mixes: prose, boilerplate the rules and the classifier remove,
    /// metadata lines strip lifts, spun phrases repair undoes, and encoding damage.
    static let lines = [
        "The council voted on Tuesday to rebuild the old bridge over the river.",
        "Officials said the work would start in May and take about two years.",
        "“We want to take a seat down and discuss this seriously,” he said.",
        "Share current article via Email Share current article via Facebook",
        "Sign up for our newsletter", "Advertisement", "By Anna Smith", "LONDON (Reuters) - Markets fell on Monday.",
        "(Reporting by John Doe; editing by Maria Garcia)", "Reuters", "Photo: Getty Images", "date 2025-11-28",
        "Read more: Markets fall as oil climbs", "© 2025 Example Media Ltd. All rights reserved.",
        "THE CHOICE IS WAR OR PEACE", "", "   ", "caf\u{C3}\u{A9} &amp; cr\u{E8}me\u{A0}br\u{FB}l\u{E9}e", "a\u{200B}b\u{AD}c\r\nd",
        "東京で会議が開かれた。", "ไทยภาษา", "{ code(); }", "| a | b |", "e\u{301}t\u{E9}", "\u{7}\u{1B}[0m", "x", "1.",
    ]

    static let article = Gen.int(in: 0...(lines.count - 1)).array(of: 0...30).map { $0.map { lines[$0] }.joined(separator: "\n") }

    static let pipelines: [(String, [StageKind])] = [
        ("normalize", [.normalize]), ("strip", [.strip]), ("repair", [.repair]), ("all", [.normalize, .strip, .repair]),
    ]

    @Test(arguments: pipelines.map(\.0))
    func stageIsIdempotentAndItsRecordRebuildsTheInput(_ name: String) async throws {
        let kinds = try #require(Self.pipelines.first { $0.0 == name }?.1)
        let pipeline = try Pipeline(kinds, rules: Repo.rules)
        await propertyCheck(count: 200, input: Self.article) { input in
            let once = try pipeline.process(Document(id: "p", text: input)).get()
            #expect(EditLog.rebuildOriginal(text: once.text, edits: once.edits) == input, "record does not rebuild \(input.debugDescription)")
            if kinds.count == 1 {
                let twice = try pipeline.process(Document(id: "p", text: once.text)).get()
                #expect(twice.text == once.text, "\(name) is not idempotent on \(input.debugDescription)")
            }
            // Through JSONL and back: the record parses, and its text and change record are intact.
            let line = JSONWriter.string(.object(once.outputRecord()))
            #expect(!line.contains("\n"))
            let read = try #require(try JSONParser.parse(line).objectValue)
            let reread = Document(id: "p", text: try #require(read["text"]?.stringValue), metadata: try #require(read["metadata"]?.objectValue))
            #expect(EditLog.rebuildOriginal(text: reread.text, edits: reread.allEdits) == input)
        }
    }
}
