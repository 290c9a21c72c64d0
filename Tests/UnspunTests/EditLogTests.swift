import PropertyBased
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

@Suite struct EditLogTests {
    /// Text with every kind of damage normalize repairs, mixed at random.
    static let pieces = [
        "word", " ", "  ", "\n", "\r\n", "\r", "\u{A0}", "\u{200B}", "\u{FEFF}", "\u{AD}", "&amp;", "&#8217;", "&bogus;",
        "&", "\u{E2}\u{20AC}\u{2122}", "\u{C3}\u{A9}", "e\u{301}", "é", "\t", "\u{7}", "’", "“", "東京", "ไทย", "Ã", "€",
        "\u{2028}", "&amp;amp;", ".", "\u{3000}",
    ]

    static let damagedText = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...40).map { $0.map { pieces[$0] }.joined() }

    @Test func normalizeIsIdempotentAndItsRecordRebuildsTheInput() async {
        await propertyCheck(count: 400, input: Self.damagedText) { input in
            let once = try normalize(input)
            let twice = try normalize(once.text)
            #expect(twice.text == once.text, "not idempotent on \(Array(input.unicodeScalars))")
            #expect(twice.edits.isEmpty)
            #expect(EditLog.revert(once.edits, from: Array(once.text.utf8)) == Array(input.utf8))
        }
    }

    @Test func composeEqualsApplyingBothPasses() async {
        // Two random passes over random ASCII: composing them must give the same text as applying
        // them in turn, and revert to the original.
        let gen = Gen.int(in: 0...1_000_000).array(of: 3...3)
        await propertyCheck(count: 300, input: gen) { seeds in
            var generator = SplitMix(seed: UInt64(seeds[0]))
            let original = (0..<(seeds[1] % 40 + 1)).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 4) }
            let first = Self.randomEdits(over: original, stage: "s", rule: "one", using: &generator)
            let middle = EditLog.apply(first, to: original)
            let second = Self.randomEdits(over: middle, stage: "s", rule: "two", using: &generator)
            let result = EditLog.apply(second, to: middle)
            let composed = EditLog.compose(first, second, original: original, middle: middle)
            #expect(EditLog.apply(composed, to: original) == result)
            #expect(EditLog.revert(composed, from: result) == original)
        }
    }

    static func randomEdits(over text: [UInt8], stage: String, rule: String, using generator: inout SplitMix) -> [Edit] {
        var edits: [Edit] = []
        var position = 0
        while position <= text.count {
            let gap = Int(generator.next() % 4)
            let start = position + gap
            guard start <= text.count else { break }
            let length = min(Int(generator.next() % 3), text.count - start)
            let after = String(repeating: "xyz".randomElement(using: &generator)!, count: Int(generator.next() % 3))
            let before = String(decoding: text[start..<start + length], as: UTF8.self)
            if before != after {
                edits.append(Edit(stage: stage, rule: rule, start: start, end: start + length, before: before, after: after))
            }
            position = start + max(length, 1)
        }
        return edits
    }
}

/// A small deterministic generator for building random edit lists.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
