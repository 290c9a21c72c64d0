/// A token as the language model and the inverse thesaurus see it: a byte range of the text and
/// a 64-bit hash of its lowercase form (digit runs one class, curly apostrophes straight).
struct LMToken: Sendable {
    var start: Int32
    var end: Int32
    var hash: UInt64
    /// Letters only (with apostrophes and non-ASCII letters): a word a spinner could have swapped.
    var isWord: Bool
}

/// Cuts UTF-8 text into the model's tokens on bytes alone (no ICU: it runs on every word of the
/// dump): runs of letters, digits, apostrophes and non-ASCII letters are words; each other mark
/// is a token of its own; a run of line breaks is one token (a paragraph's edge); spaces vanish.
enum LMTokenizer {
    static let numberHash = LMHash.bytes(Array("<num>".utf8))
    static let breakHash = LMHash.bytes([10])

    static func tokens(in bytes: UnsafeBufferPointer<UInt8>) -> [LMToken] {
        var tokens: [LMToken] = []
        tokens.reserveCapacity(bytes.count / 5)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 10 {
                if tokens.last?.hash != breakHash { tokens.append(LMToken(start: Int32(index), end: Int32(index + 1), hash: breakHash, isWord: false)) }
                index += 1
            } else if byte == 32 || byte == 9 || byte == 13 || (byte == 0xC2 && index + 1 < count && bytes[index + 1] == 0xA0) {
                index += byte == 0xC2 ? 2 : 1
            } else if let end = punctuationEnd(bytes, index) {
                tokens.append(LMToken(start: Int32(index), end: Int32(end), hash: LMHash.bytes(UnsafeBufferPointer(rebasing: bytes[index..<end])), isWord: false))
                index = end
            } else {
                var end = index
                var digits = false
                var hash = LMHash.seed
                while end < count, punctuationEnd(bytes, end) == nil {
                    var value = bytes[end]
                    if value == 32 || value == 9 || value == 10 || value == 13 || (value == 0xC2 && end + 1 < count && bytes[end + 1] == 0xA0) { break }
                    if isCurlyApostrophe(bytes, end) {
                        value = 0x27
                        end += 2
                    } else if value >= 0x30 && value <= 0x39 {
                        digits = true
                    } else if value >= 0x41 && value <= 0x5A {
                        value |= 0x20
                    }
                    hash = LMHash.feed(hash, value)
                    end += 1
                }
                tokens.append(LMToken(start: Int32(index), end: Int32(end), hash: digits ? numberHash : LMHash.finish(hash), isWord: !digits))
                index = end
            }
        }
        return tokens
    }

    /// The hashes of a phrase's tokens (for thesaurus entries and candidates).
    static func hashes(of text: String) -> [UInt64] {
        var copy = text
        return copy.withUTF8 { tokens(in: $0).map(\.hash) }
    }

    /// Where the punctuation mark at `index` ends, or nil when a word byte stands there: ASCII
    /// marks, and U+2000-U+206F (dashes, quotes) except the curly apostrophe.
    @inline(__always)
    private static func punctuationEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int? {
        let byte = bytes[index]
        if byte < 0x80 {
            let isWordByte = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x27
            return isWordByte || byte == 32 || byte == 9 || byte == 10 || byte == 13 ? nil : index + 1
        }
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81, !isCurlyApostrophe(bytes, index) {
            return index + 3
        }
        return nil
    }

    @inline(__always)
    private static func isCurlyApostrophe(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x99
    }
}

/// FNV-1a over a token's bytes, finished with a 64-bit mixer; n-grams chain token hashes.
enum LMHash {
    static let seed = FNV1a.basis

    @inline(__always)
    static func feed(_ hash: UInt64, _ byte: UInt8) -> UInt64 { FNV1a.feed(hash, UInt64(byte)) }

    @inline(__always)
    static func finish(_ hash: UInt64) -> UInt64 {
        var value = hash
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    static func bytes<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        finish(bytes.reduce(seed) { feed($0, $1) })
    }

    /// The key of the n-gram `context` followed by `token` (context: a token or an n-gram key).
    @inline(__always)
    static func extend(_ context: UInt64, _ token: UInt64) -> UInt64 {
        finish(context &* 0x9E37_79B9_7F4A_7C15 ^ token)
    }
}
