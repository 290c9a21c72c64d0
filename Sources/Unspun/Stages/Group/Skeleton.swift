/// The immutable tokens of a text: function words, names (capitalized words not opening a
/// sentence) and numbers, as 64-bit hashes in text order.
enum Skeleton {
    /// Below this share of function words the text is not in a language the word list knows
    /// (Russian, Chinese, ...): its skeleton is then every word, which still finds its copies,
    /// since spinners there are not ours to undo.
    static let minimumFunctionShare = 0.1

    /// The skeleton and the mean length in bytes of all words.
    static func tokens(in bytes: UnsafeBufferPointer<UInt8>) -> ([UInt64], Double) {
        var skeleton: [UInt64] = []
        var all: [UInt64] = []
        var functionWords = 0
        var wordBytes = 0
        forEachWord(in: bytes) { hash, kind, range in
            all.append(hash)
            wordBytes += range.count
            if kind == .function { functionWords += 1 }
            if kind != .content { skeleton.append(hash) }
        }
        let meanLength = all.isEmpty ? 0 : Double(wordBytes) / Double(all.count)
        return (Double(functionWords) < minimumFunctionShare * Double(all.count) ? all : skeleton, meanLength)
    }

    /// Han ideographs, kana and Hangul syllables: scripts written without spaces, where each
    /// character counts as a word (a dictionary-free stand-in for word breaks).
    @inline(__always)
    static func isUnspacedLetter(_ scalar: UInt32) -> Bool {
        (0x3040...0x30FF).contains(scalar) || (0x3400...0x4DBF).contains(scalar) || (0x4E00...0x9FFF).contains(scalar)
            || (0xAC00...0xD7AF).contains(scalar) || (0xF900...0xFAFF).contains(scalar)
    }

    /// Punctuation of those scripts (CJK symbols, full-width forms): separates words; the
    /// full stop and the full-width ! and ? end a sentence.
    @inline(__always)
    static func isUnspacedPunctuation(_ scalar: UInt32) -> Bool {
        (0x3000...0x303F).contains(scalar) || (0xFF01...0xFF0F).contains(scalar) || (0xFF1A...0xFF20).contains(scalar)
            || (0xFF5B...0xFF65).contains(scalar)
    }

    enum Kind { case function, name, number, content }

    /// Calls `body` with each word's hash (lowercased) and kind. Words are runs of letters,
    /// digits and non-ASCII letters (apostrophes inside a word kept); typographic punctuation
    /// (U+00A0...U+00BF, U+2000...U+206F) separates them.
    static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt64, Kind, Range<Int>) -> Void) {
        let words = LineFeatures.words
        var index = 0
        var sentenceStart = true
        var inWord = false
        var hash = FNV1a.basis
        var capitalized = false
        var hasDigit = false
        var wordStart = 0
        func finish(at end: Int) {
            let kind: Kind = hasDigit ? .number : words.marks(of: hash) & LineFeatures.WordMark.stopword != 0 ? .function : (capitalized && !sentenceStart) ? .name : .content
            body(hash, kind, wordStart..<end)
            sentenceStart = false
            inWord = false
            hash = FNV1a.basis
            hasDigit = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            // Fast path: a run of ASCII letters and digits, hashed in one tight loop.
            if (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 {
                if !inWord {
                    inWord = true
                    wordStart = index
                    capitalized = byte &- UInt8(ascii: "A") < 26
                }
                while index < bytes.count {
                    let current = bytes[index]
                    let lower = current | 0x20
                    if lower &- UInt8(ascii: "a") < 26 {
                        hash = (hash ^ UInt64(lower)) &* FNV1a.prime
                    } else if current &- UInt8(ascii: "0") < 10 {
                        hasDigit = true
                        hash = (hash ^ UInt64(current)) &* FNV1a.prime
                    } else {
                        break
                    }
                    index += 1
                }
                continue
            }
            var length = 1
            var isWordByte: Bool
            if byte < 0x80 {
                isWordByte =
                    LetterRuns.lowercasedLetter(byte) != nil || (byte >= 0x30 && byte <= 0x39)
                    || (inWord && byte == UInt8(ascii: "'") && index + 1 < bytes.count && LetterRuns.lowercasedLetter(bytes[index + 1]) != nil)
            } else {
                let (scalar, scalarLength) = UTF8Scalars.decode(bytes, at: index)
                length = scalarLength
                if isUnspacedLetter(scalar) {
                    if inWord { finish(at: index) }
                    wordStart = index
                    for offset in 0..<length { hash = (hash ^ UInt64(bytes[index + offset])) &* FNV1a.prime }
                    capitalized = false
                    finish(at: index + length)
                    index += length
                    continue
                }
                if isUnspacedPunctuation(scalar) {
                    if inWord { finish(at: index) }
                    if scalar == 0x3002 || scalar == 0xFF01 || scalar == 0xFF1F { sentenceStart = true }
                    index += length
                    continue
                }
                isWordByte = !((0xA0...0xBF).contains(scalar) || (0x2000...0x206F).contains(scalar))
                // ’ inside a word is an apostrophe.
                if scalar == 0x2019, inWord, index + 3 < bytes.count, LetterRuns.lowercasedLetter(bytes[index + 3]) != nil { isWordByte = true }
            }
            if isWordByte {
                if !inWord {
                    inWord = true
                    wordStart = index
                    capitalized = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                }
                for offset in 0..<length {
                    let current = bytes[index + offset]
                    if current >= 0x30 && current <= 0x39 { hasDigit = true }
                    // Fold ’ to ' so that typographic and plain apostrophes hash alike.
                    let folded = length == 3 && bytes[index] == 0xE2 && bytes[index + 2] == 0x99 ? UInt8(ascii: "'") : current
                    if length == 3 && folded == UInt8(ascii: "'") {
                        if offset == 0 { hash = (hash ^ UInt64(folded)) &* FNV1a.prime }
                        continue
                    }
                    hash = (hash ^ UInt64(LetterRuns.lowercasedLetter(folded) ?? folded)) &* FNV1a.prime
                }
            } else {
                if inWord { finish(at: index) }
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == 0x0A { sentenceStart = true }
            }
            index += length
        }
        if inWord { finish(at: bytes.count) }
    }
}
