import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// One of ftfy's test cases (Fixtures/ftfy), with what Unspun says about it.
struct FtfyCase: Sendable, CustomTestStringConvertible {
    enum Verdict: Sendable {
        case right
        case byDesign(String)
        case failing(String)
    }

    let index: Int
    let label: String
    let original: String
    /// What ftfy's `fix_encoding` should give, and what its `fix_text` should.
    let fixedEncoding: String, fixed: String
    let verdict: Verdict

    var testDescription: String { "\(index): \(label)" }

    /// Correct text as it is, which no mojibake repair may touch. Normalize decodes HTML
    /// character references first, as ftfy's `fix_text` does, so `10Î&frac14;s` is not one.
    var mustStayUnchanged: Bool { original == fixedEncoding && !hasCharacterReference }

    /// ftfy's expected output as correct text: `fix_encoding`'s, or `fix_text`'s when the former
    /// keeps a reference undecoded (`fix_text`'s own may hold a garble with its quotes straightened).
    var correctText: String { hasCharacterReference ? fixed : fixedEncoding }

    private var hasCharacterReference: Bool { original.range(of: "&#?[A-Za-z0-9]+;", options: .regularExpression) != nil }

    static let all: [FtfyCase] = {
        let directory = Repo.root.appendingPathComponent("Fixtures/ftfy")
        guard let cases = try? json(directory.appendingPathComponent("test_cases.json")) as? [[String: String]],
            let verdicts = try? json(directory.appendingPathComponent("unspun-verdicts.json")) as? [String: Any]
        else { return [] }
        func listed(_ key: String) -> [Int: String] {
            let entries = verdicts[key] as? [[String: Any]] ?? []
            return Dictionary(
                uniqueKeysWithValues: entries.compactMap { entry in
                    (entry["case"] as? Int).map { ($0, entry["reason"] as? String ?? "") }
                })
        }
        let (byDesign, failing) = (listed("by-design"), listed("failing"))
        return cases.enumerated().map { index, item in
            let fixed = item["fixed"] ?? ""
            let verdict = byDesign[index].map(Verdict.byDesign) ?? failing[index].map(Verdict.failing) ?? .right
            return FtfyCase(
                index: index, label: item["label"] ?? "", original: item["original"] ?? "",
                fixedEncoding: item["fixed-encoding"] ?? fixed, fixed: fixed, verdict: verdict)
        }
    }()

    private static func json(_ url: URL) throws -> Any { try JSONSerialization.jsonObject(with: Data(contentsOf: url)) }
}

@Suite struct FtfyCaseTests {
    @Test(arguments: FtfyCase.all)
    func ftfyCase(_ item: FtfyCase) throws {
        let output = try normalize(item.original)
        let right = output.text == item.fixedEncoding || output.text == item.fixed
        #expect(try normalize(output.text).edits.isEmpty, "not idempotent")
        #expect(EditLog.revert(output.edits, from: Array(output.text.utf8)) == Array(item.original.utf8))
        // ftfy's expected output is correct text: normalize must not repair it.
        let correct = try normalize(item.correctText).edits
        #expect(!correct.contains { $0.rule.contains("mojibake") }, "\(correct)")
        let expected = try normalize(item.fixedEncoding)
        if item.mustStayUnchanged {
            #expect(!output.edits.contains { $0.rule.contains("mojibake") }, "\(output.edits)")
        }
        switch item.verdict {
        case .right:
            #expect(right, "got \(output.text.debugDescription)")
        case .byDesign(let reason):
            #expect(!right, "right now: move it out of by-design")
            #expect(Self.foldingQuotes(output.text) == Self.foldingQuotes(expected.text), "\(reason): got \(output.text.debugDescription)")
        case .failing(let reason):
            #expect(!right && Self.foldingQuotes(output.text) != Self.foldingQuotes(expected.text), "passes now (\(reason))")
        }
    }

    /// The scan that skips ASCII away from the characters it scores finds the same suspect
    /// lines as scoring every character.
    @Test(arguments: FtfyCase.all)
    func suspectLinesAreTheLinesThatScore(_ item: FtfyCase) {
        let text = item.original + "\nplain line\n" + item.fixedEncoding
        var found: [String] = []
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            MojibakeScore.suspectLines(in: bytes) { found.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)) }
        }
        let scoring = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter {
            MojibakeScore.of($0.unicodeScalars.map(\.value)) > 0
        }
        #expect(found == scoring)
    }

    /// The bar: at least 150 of ftfy's 161 cases right or different by design only.
    @Test func atLeast150OfTheCasesAreRight() {
        #expect(FtfyCase.all.count == 161)
        let failing = FtfyCase.all.filter { if case .failing = $0.verdict { true } else { false } }
        #expect(FtfyCase.all.count - failing.count >= 150)
    }

    /// Curly quotes as straight ones: ftfy's `fix_text` expectations straighten them, normalize
    /// keeps them as written.
    private static func foldingQuotes(_ text: String) -> String {
        String(
            text.unicodeScalars.map { scalar -> Character in
                switch scalar.value {
                case 0x2018...0x201B: "'"
                case 0x201C...0x201F: "\""
                default: Character(scalar)
                }
            })
    }
}
