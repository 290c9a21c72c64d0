/// Runs of ASCII letters, lowercased and hashed (FNV-1a): the cheap word identity that rule
/// prefilters use to decide which lines a rule or phrase is worth trying on.
enum LetterRuns {
    static let basis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x100_0000_01B3

    @inline(__always)
    static func lowercasedLetter(_ byte: UInt8) -> UInt8? {
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") ? lower : nil
    }

    static func hash(_ word: String) -> UInt64 {
        word.utf8.reduce(basis) { ($0 ^ UInt64($1 | 0x20)) &* prime }
    }

    /// Calls `body` with the hash and byte range of each run of ASCII letters in `bytes`.
    static func forEachRun(in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ hash: UInt64, _ range: Range<Int>) -> Void) {
        var hash = basis
        var start = 0
        var inRun = false
        for index in bytes.indices {
            if let lower = lowercasedLetter(bytes[index]) {
                if !inRun { start = index }
                hash = (hash ^ UInt64(lower)) &* prime
                inRun = true
            } else if inRun {
                body(hash, start..<index)
                hash = basis
                inRun = false
            }
        }
        if inRun { body(hash, start..<bytes.count) }
    }
}
