/// The FNV-1a step every byte- and word-level hash here is built on (rule prefilters, token keys,
/// the language model's tokens, strip's line keys, the story skeleton).
enum FNV1a {
    static let basis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x100_0000_01B3

    /// `hash` with one more byte (or token hash) folded in.
    @inline(__always)
    static func feed(_ hash: UInt64, _ value: UInt64) -> UInt64 { (hash ^ value) &* prime }
}
