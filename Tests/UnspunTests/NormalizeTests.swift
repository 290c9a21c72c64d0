import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

@Suite struct NormalizeTests {
    @Test(arguments: [
        ("Hello\r\nworld\rend", "Hello\nworld\nend", "line-ending"),
        ("\u{FEFF}Leading mark", "Leading mark", "invisible"),
        ("non\u{A0}breaking", "non breaking", "space"),
        ("zero\u{200B}width", "zerowidth", "invisible"),
        ("soft\u{AD}hyphen", "softhyphen", "invisible"),
        ("AT&amp;T and R&amp;D", "AT&T and R&D", "html-entity"),
        ("It&#8217;s &#x201C;so&#x201D;", "It’s “so”", "html-entity"),
        ("a&nbsp;b", "a b", "html-entity+space"),
        ("It\u{E2}\u{20AC}\u{2122}s", "It’s", "mojibake"),
        ("caf\u{C3}\u{A9}", "café", "mojibake"),
        ("\u{E2}\u{20AC}\u{0153}quoted\u{E2}\u{20AC}\u{9D}", "“quoted”", "mojibake"),
        // Each repair names the code page the UTF-8 was misread as; only the misread run changes
        // when the correct text around it does not fit that page.
        ("wei\u{221A}\u{FC}", "weiß", "mojibake:macroman"),
        ("\u{420}\u{457}\u{421}\u{402}\u{420}\u{451}\u{420}\u{406}\u{420}\u{B5}\u{421}\u{201A}", "привет", "mojibake:windows-1251"),
        ("Classificação e Divis\u{C3}\u{A3}o", "Classificação e Divisão", "mojibake:windows-1252"),
        ("quotes\u{93} here\u{94}", "quotes“ here”", "mojibake:windows-1252-c1"),
        ("e\u{301}t\u{E9}", "\u{E9}t\u{E9}", "nfc"),
        ("bell\u{7}char", "bellchar", "control"),
        ("  too   many  spaces  ", "too many spaces", "whitespace"),
        ("tab\there", "tab here", "space"),
    ])
    func repairsOneKindOfDamage(input: String, expected: String, rule: String) throws {
        let document = try normalize(input)
        #expect(document.text == expected)
        // Mojibake repairs name the code page: `mojibake:windows-1252`.
        #expect(document.edits.contains { $0.rule == rule || $0.rule.hasPrefix(rule + ":") }, "edits: \(document.edits.map(\.rule))")
        #expect(document.edits.allSatisfy { $0.stage == "normalize" })
    }

    /// References to numbers past the last scalar (found by `make fuzz`: ten digits overflowed
    /// and stopped the process) are left as they are.
    @Test(arguments: ["&#9999999999;", "&#4294967296;", "&#x110000;", "&#xFFFFFFFFF;", "&#0;"])
    func referencesBeyondUnicodeStay(reference: String) throws {
        let text = "Value \(reference) here."
        #expect(try normalize(text).text == text)
    }

    @Test func leavesWordsAndQuoteStyleAlone() throws {
        let text = "He said \"no\" and she said ‘yes’ — it’s R&D, AT&T, 5 < 6 & café.\n\nNext paragraph."
        let document = try normalize(text)
        #expect(document.text == text)
        #expect(document.edits.isEmpty)
    }

    @Test func everySeedIsCleanOrOnlyTrimmed() throws {
        for name in Repo.seedNames {
            let text = try String(contentsOf: Repo.seeds.appendingPathComponent(name), encoding: .utf8)
            let document = try normalize(text)
            // The seeds are clean UTF-8: normalize only trims stray spaces at line ends.
            #expect(document.edits.allSatisfy { $0.rule == "whitespace" && $0.after.isEmpty }, "\(name): \(document.edits)")
            #expect(
                document.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    == text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    /// Correct text with the letters mojibake is made of, which the old repair garbled
    /// (`NESCAFÉ®` read as the UTF-8 of `ɮ`).
    @Test(arguments: ["NESCAFÉ® Gold", "IL Y MARQUÉ…", "NESTLÉ® requiere", "Ôôô VIDA MINHA", "L’épisode 8", "Dr. Müller – Straße"])
    func correctTextStaysAsItIs(text: String) throws {
        let document = try normalize(text)
        #expect(document.text == text)
        #expect(document.edits.isEmpty, "\(document.edits)")
    }

    @Test func doublyDamagedTextTakesTwoRoundsAndStaysFixed() throws {
        let once = try normalize("&amp;amp; caf\u{C3}\u{83}\u{C2}\u{A9}")
        #expect(once.text == "& café")
        let twice = try normalize(once.text)
        #expect(twice.edits.isEmpty)
    }

    @Test func editsRebuildTheInput() throws {
        let input = "\u{FEFF}It\u{E2}\u{20AC}\u{2122}s  a &amp;\u{A0}test\r\n e\u{301} \u{200B}end  "
        let document = try normalize(input)
        let rebuilt = EditLog.revert(document.edits, from: Array(document.text.utf8))
        #expect(rebuilt == Array(input.utf8))
    }
}
