/// One repair of the normalize stage: it scans UTF-8 text and says what to replace.
/// Rules run in a fixed order, and the stage repeats them until nothing changes, so each rule
/// only needs to be right about its own kind of damage.
protocol NormalizationRule: Sendable {
    var name: String { get }
    func edits(in input: UnsafeBufferPointer<UInt8>, stage: String) -> [Edit]
}
