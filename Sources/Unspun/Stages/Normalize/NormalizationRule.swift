/// One repair of the normalize stage: it scans UTF-8 text and says what to replace.
/// Rules run in a fixed order, and the stage repeats them until nothing changes, so each rule
/// only needs to be right about its own kind of damage.
protocol NormalizationRule: Sendable {
    var name: String { get }
    /// Bytes where the rule can find something; text without any of them is left alone, and
    /// `step` is only called at them.
    var triggers: ByteSet { get }
    /// Whether the rule's output can hold more of what it repairs, so the stage runs it again
    /// at once.
    var rereadsItsOutput: Bool { get }
    func edits(in input: UnsafeBufferPointer<UInt8>, stage: String) -> [Edit]
    /// Looks at the text from `index`: records a replacement in `collector` if the rule has one
    /// there, and returns where to look next (past what it took, or the next byte).
    func step(_ input: UnsafeBufferPointer<UInt8>, at index: Int, into collector: inout EditCollector) -> Int
}

extension NormalizationRule {
    var rereadsItsOutput: Bool { false }

    /// The usual scan: `step` at every trigger byte, left to right.
    func edits(in input: UnsafeBufferPointer<UInt8>, stage: String) -> [Edit] {
        var collector = EditCollector(stage: stage, rule: name, input: input)
        var index = triggers.firstMember(in: input, from: 0)
        while index < input.count {
            index = triggers.firstMember(in: input, from: step(input, at: index, into: &collector))
        }
        return collector.edits
    }

    func step(_ input: UnsafeBufferPointer<UInt8>, at index: Int, into collector: inout EditCollector) -> Int { index + 1 }
}
