import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

@Suite struct TextLayerTests {
    func words(_ text: String, locale: String = "en") throws -> [String] {
        let breaker = try WordBreaker(locale: locale)
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            breaker.tokens(in: buffer).filter(\.isWord).map { String(decoding: bytes[$0.range], as: UTF8.self) }
        }
    }

    @Test func englishWordsNumbersAndPunctuation() throws {
        let breaker = try WordBreaker()
        let text = "Putin’s 28-point plan, $8.1 billion."
        let tokens = breaker.tokens(in: text)
        let bytes = Array(text.utf8)
        let pieces = tokens.map { (String(decoding: bytes[$0.range], as: UTF8.self), $0.kind) }
        #expect(pieces.first! == ("Putin’s", .word))
        #expect(pieces.contains { $0 == ("28", .number) })
        #expect(pieces.contains { $0 == ("8.1", .number) })
        #expect(pieces.contains { $0 == (" ", .space) })
        #expect(pieces.contains { $0 == (",", .punctuation) })
        // Tokens tile the text: byte ranges into the original, no gaps.
        #expect(tokens.first?.start == 0 && tokens.last.map { Int($0.end) } == bytes.count)
        for (left, right) in zip(tokens, tokens.dropFirst()) { #expect(left.end == right.start) }
    }

    @Test func germanCompoundsStayWhole() throws {
        #expect(try words("Die Straßenbahn fährt über die Brücke.", locale: "de") == ["Die", "Straßenbahn", "fährt", "über", "die", "Brücke"])
    }

    @Test func chineseUsesTheDictionary() throws {
        let found = try words("我们想坐下来认真讨论。", locale: "zh")
        #expect(found.count >= 4)
        #expect(found.joined() == "我们想坐下来认真讨论")
        #expect(found.contains("我们"))
    }

    @Test func thaiUsesTheDictionary() throws {
        let found = try words("ภาษาไทยง่ายนิดเดียว", locale: "th")
        #expect(found == ["ภาษา", "ไทย", "ง่าย", "นิด", "เดียว"])
    }

    func sentences(_ text: String) throws -> [String] {
        let bytes = Array(text.utf8)
        return try SentenceBreaker().sentences(in: text).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func sentences() throws {
        #expect(try sentences("Putin said so. “Every word matters.” Then he left!") == ["Putin said so. ", "“Every word matters.” ", "Then he left!"])
    }

    /// ICU iterates UTF-16; boundaries come back as byte offsets, across 2-, 3- and 4-byte scalars
    /// alike, and bytes that are not UTF-8 are broken over UTF-8 directly.
    @Test func boundariesAreByteOffsetsWhateverTheScalarWidths() throws {
        #expect(try sentences("Café 😀 opened. “𝔐ath” is fun! Done.") == ["Café 😀 opened. ", "“𝔐ath” is fun! ", "Done."])
        #expect(try words("Kaffee ☕ and 😀 smiles, 𝔐ath.") == ["Kaffee", "and", "smiles", "𝔐ath"])

        let notUTF8: [UInt8] = [0x41, 0x62, 0xFF, 0x20, 0x43, 0x2E, 0x20, 0x44, 0xC3]
        let breaker = try SentenceBreaker()
        let pieces = notUTF8.withUnsafeBufferPointer { breaker.sentences(in: $0) }
        #expect(pieces == [0..<7, 7..<9])
        // Word tokens tile such bytes too, a sequence cut off at the end included.
        let tokens = try notUTF8.withUnsafeBufferPointer { try WordBreaker().tokens(in: $0) }
        #expect(tokens.first?.start == 0 && tokens.last.map { Int($0.end) } == notUTF8.count)
        for (left, right) in zip(tokens, tokens.dropFirst()) { #expect(left.end == right.start) }
    }

    @Test func normalizationForms() {
        #expect(UnicodeText.normalize("e\u{301}", form: .nfc).unicodeScalars.count == 1)
        #expect(UnicodeText.normalize("ﬁ ²", form: .nfkc) == "fi 2")
        #expect(UnicodeText.normalize("ﬁ", form: .nfc) == "ﬁ")
    }

    @Test func caseMapping() {
        #expect(UnicodeText.mapCase("Straße", .upper) == "STRASSE")
        #expect(UnicodeText.mapCase("Straße", .fold) == "strasse")
        #expect(UnicodeText.mapCase("TITLE", .lower, locale: "tr") == "tıtle")
        #expect(UnicodeText.mapCase("ΟΔΟΣ", .lower) == "\u{3BF}\u{3B4}\u{3BF}\u{3C2}")  // final sigma
    }

    @Test func tokenKeysFoldCaseAndApostrophes() {
        #expect(TokenKeys.key("Shouldn’t") == TokenKeys.key("shouldn't"))
        #expect(TokenKeys.key("STRASSE") == TokenKeys.key("Straße"))
        #expect(TokenKeys.key("deal") != TokenKeys.key("dial"))
    }
}
