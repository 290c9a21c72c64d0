/// Unicode and encoding repair: HTML character references, mojibake, NFC, line endings,
/// invisible and control characters, Unicode spaces, and folded, trimmed spaces. It changes no
/// word otherwise and keeps quote style as written. Running it twice changes nothing the
/// second time: the rules are repeated until none of them finds anything (a decoded `&amp;amp;`
/// takes two rounds; a doubly misread `Ã¢â‚¬â„¢` two runs of the mojibake rule in one round).
public final class NormalizeStage: Stage {
    public let name = "normalize"

    private let rules: [any NormalizationRule] = [
        HTMLCharacterReferences(), Mojibake(), CanonicalComposition(), LineEndings(), InvisibleCharacters(),
        ControlCharacters(), UnicodeSpaces(), Whitespace(),
    ]
    private static let maximumRounds = 5

    public init() {}

    public func process(_ document: inout Document) throws(StageError) {
        let original = Array(document.text.utf8)
        var current = original
        var edits: [Edit] = []
        for _ in 0..<Self.maximumRounds {
            var changed = false
            // Rules whose trigger bytes the text lacks have nothing to find.
            var present = current.withUnsafeBufferPointer { ByteSet(of: $0) }
            for rule in rules where rule.triggers.intersects(present) {
                // A rule that finds more in its own output (layered mojibake) runs again before the
                // next rule, which could remove what it needs (the C1 control in `ÃŒÂ\u{81}`).
                for _ in 0..<(rule.rereadsItsOutput ? Self.maximumRounds : 1) {
                    let found = current.withUnsafeBufferPointer { rule.edits(in: $0, stage: name) }
                    guard !found.isEmpty else { break }
                    changed = true
                    edits = EditLog.compose(edits, found, original: original, middle: current)
                    current = EditLog.apply(found, to: current)
                    present = current.withUnsafeBufferPointer { ByteSet(of: $0) }
                }
            }
            if !changed { break }
        }
        guard !edits.isEmpty else { return }
        document.text = String(decoding: current, as: UTF8.self)
        document.edits.append(contentsOf: edits)
    }
}
