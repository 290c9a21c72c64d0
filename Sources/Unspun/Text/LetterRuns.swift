/// Runs of ASCII letters, lowercased and hashed (FNV-1a): the cheap word identity that rule
/// prefilters use to decide which lines a rule or phrase is worth trying on.
enum LetterRuns {
    @inline(__always)
    static func lowercasedLetter(_ byte: UInt8) -> UInt8? {
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") ? lower : nil
    }

    static func hash(_ word: String) -> UInt64 {
        word.utf8.reduce(FNV1a.basis) { FNV1a.feed($0, UInt64($1 | 0x20)) }
    }

    /// Calls `body` with the hash and byte range of each run of ASCII letters in `bytes`; with
    /// `nonASCII`, the bytes of non-ASCII characters count as letters too (hashed as they are).
    static func forEachRun(in bytes: UnsafeBufferPointer<UInt8>, nonASCII: Bool = false, _ body: (_ hash: UInt64, _ range: Range<Int>) -> Void) {
        var hash = FNV1a.basis
        var start = 0
        var inRun = false
        for index in bytes.indices {
            if let letter = lowercasedLetter(bytes[index]) ?? (nonASCII && bytes[index] >= 0x80 ? bytes[index] : nil) {
                if !inRun { start = index }
                hash = FNV1a.feed(hash, UInt64(letter))
                inRun = true
            } else if inRun {
                body(hash, start..<index)
                hash = FNV1a.basis
                inRun = false
            }
        }
        if inRun { body(hash, start..<bytes.count) }
    }
}
