/// What grouping keeps of a document (the map step): a MinHash of its "skeleton" shingles and a
/// few numbers, about 300 bytes whatever the document's length.
///
/// Spinners swap content words for synonyms but leave the immutables alone: function words,
/// names and numbers (the insight of SpotSigs and DSpin). The skeleton is the document's
/// sequence of those immutables with the content words dropped; its 4-word shingles survive
/// spinning where plain word shingles do not (seed 000 and its Reuters original share 20% of
/// their word 5-grams but most of their skeleton shingles).
public struct StorySignature: Sendable {
    public static let hashCount = 64
    /// LSH bands of `rows` hashes each: a pair sharing any band becomes a candidate.
    public static let bands = 32
    public static let rows = 2

    public var id: String
    /// Minimum of each of the `hashCount` hash functions over the skeleton shingles.
    public var minHashes: [UInt32]
    /// How many distinct skeleton shingles the document has.
    public var shingleCount: Int
    /// Canonical preference (see `StoryGrouper`): spin score, wire marks, length.
    public var spinScore: Double
    public var isWire: Bool
    /// Mean letters per word: spinners' synonyms run longer than the words they replace.
    public var meanWordLength: Double
    /// Sorted, distinct hashes of the document's sentences (their letters and digits,
    /// lowercased), the `sentenceLimit` lowest of them (a sample that two documents take alike):
    /// which sentences a story's members share word for word, for the canonical choice
    /// (`StoryGrouper.canonical`).
    public var sentences: [UInt32]
    public static let sentenceLimit = 256

    /// Computes the signature of a cleaned document; of the lines strip removed, when it removed
    /// them all (a copy emptied by strip is still grouped with its story, on what it held).
    public init(document: Document) {
        id = document.id
        var text = document.isBlank ? Self.removedText(document) : document.text
        let (skeleton, meanWordLength) = text.withUTF8 { Skeleton.tokens(in: $0) }
        self.meanWordLength = meanWordLength
        var shingles: [UInt64] = []
        if skeleton.count >= 4 {
            shingles.reserveCapacity(skeleton.count - 3)
            for start in 0...(skeleton.count - 4) {
                var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
                for offset in 0..<4 { hash = (hash ^ skeleton[start + offset]) &* 0x100_0000_01B3 }
                shingles.append(Self.mix(hash))
            }
        }
        shingles.sortDroppingRepeats()
        var minimums = [UInt32](repeating: .max, count: Self.hashCount)
        shingles.withUnsafeBufferPointer { shingles in
            Self.multipliers.withUnsafeBufferPointer { multipliers in
                // One hash function at a time over all shingles: the running minimum stays in a
                // register instead of 64 of them in memory.
                for index in 0..<Self.hashCount {
                    // Hash function i is multiply-shift with its own odd multiplier and offset.
                    let (multiplier, offset) = (multipliers[2 * index], multipliers[2 * index + 1])
                    var minimum = UInt32.max
                    for shingle in shingles {
                        minimum = min(minimum, UInt32(truncatingIfNeeded: (shingle &* multiplier &+ offset) >> 32))
                    }
                    minimums[index] = minimum
                }
            }
        }
        shingleCount = shingles.count
        sentences = text.withUTF8 { Self.sentenceHashes(in: $0) }
        minHashes = minimums
        if case .number(let score)? = document.metadata["spin_score"], let value = Double(score) { spinScore = value } else { spinScore = 0 }
        let metadata = document.metadata
        isWire = metadata["dateline"] != nil || metadata["source"] != nil
            || (metadata["credits"]?.arrayValue ?? []).contains { ($0.stringValue ?? "").contains("Reporting by") }
    }

    /// Hashes of the sentences of `bytes` (ended by . ! ? a newline or an ideographic full stop),
    /// over their ASCII letters and digits lowercased and their other non-ASCII bytes, so that
    /// spacing, quote style and punctuation do not count; sentences of fewer than 12 such bytes
    /// are left out.
    static func sentenceHashes(in bytes: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        var result: [UInt32] = []
        var hash = LetterRuns.basis
        var length = 0
        func flush() {
            if length >= 12 { result.append(UInt32(truncatingIfNeeded: mix(hash) >> 32)) }
            hash = LetterRuns.basis
            length = 0
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == 0x0A {
                flush()
            } else if byte == 0xE3, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x82 {
                flush()
                index += 2
            } else if let letter = LetterRuns.lowercasedLetter(byte) ?? (byte &- UInt8(ascii: "0") < 10 || byte >= 0x80 ? byte : nil) {
                // Typographic quotes and apostrophes (E2 80 98...9D) count as punctuation.
                if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, (0x98...0x9D).contains(bytes[index + 2]) {
                    index += 3
                    continue
                }
                hash = (hash ^ UInt64(letter)) &* LetterRuns.prime
                length += 1
            }
            index += 1
        }
        flush()
        result.sortDroppingRepeats()
        if result.count > sentenceLimit { result.removeSubrange(sentenceLimit...) }
        return result
    }

    /// The lines strip removed from a document, in order, one a line.
    static func removedText(_ document: Document) -> String {
        (document.metadata["removed"]?.arrayValue ?? []).compactMap { $0.objectValue?["text"]?.stringValue }.joined(separator: "\n")
    }

    /// The LSH bucket keys: one per band, the band's index mixed with its hashes.
    public var bucketKeys: [UInt64] {
        guard shingleCount > 0 else { return [] }
        return (0..<Self.bands).map(bucketKey(band:))
    }

    /// The key of one band's bucket (a document without shingles has none).
    func bucketKey(band: Int) -> UInt64 {
        minHashes.withUnsafeBufferPointer { Self.bucketKey(band: band, of: $0) }
    }

    /// The key of one band's bucket of a MinHash sketch.
    @inline(__always)
    static func bucketKey(band: Int, of sketch: UnsafeBufferPointer<UInt32>) -> UInt64 {
        var key = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
        for row in 0..<rows { key = mix(key ^ UInt64(sketch[band * rows + row])) }
        return key
    }

    /// Estimated Jaccard similarity of the two skeleton shingle sets.
    public func jaccard(_ other: StorySignature) -> Double {
        minHashes.withUnsafeBufferPointer { mine in
            other.minHashes.withUnsafeBufferPointer { theirs in Self.jaccard(mine, theirs) }
        }
    }

    /// Estimated share of this document's shingles that stand in `other`.
    public func containment(in other: StorySignature) -> Double {
        Self.containment(jaccard: jaccard(other), shingles: shingleCount, otherShingles: other.shingleCount)
    }

    /// The share of equal hashes of two MinHash sketches (a hash left at `.max` saw no shingle).
    @inline(__always)
    static func jaccard(_ mine: UnsafeBufferPointer<UInt32>, _ theirs: UnsafeBufferPointer<UInt32>) -> Double {
        var equal = 0
        for index in 0..<hashCount where mine[index] == theirs[index] && mine[index] != .max { equal += 1 }
        return Double(equal) / Double(hashCount)
    }

    /// The share of `shingles` that stand in the other set, from the sets' Jaccard and sizes.
    @inline(__always)
    static func containment(jaccard j: Double, shingles: Int, otherShingles: Int) -> Double {
        guard shingles > 0 else { return 0 }
        let intersection = j * Double(shingles + otherShingles) / (1 + j)
        return min(1, intersection / Double(shingles))
    }

    /// Multiplier (odd) and offset of each of the `hashCount` hash functions.
    private static let multipliers: [UInt64] = (0..<(2 * hashCount)).map { index in
        mix(UInt64(index) &* 0xD6E8_FEB8_6659_FD93) | (index % 2 == 0 ? 1 : 0)
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The JSONL record `unspun group --emit-keys` writes, for an engine that shuffles by key.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)),
            ("keys", .array(bucketKeys.map { .string(String($0, radix: 16)) })),
            ("minhash", .array(minHashes.map { JSONValue(Int($0)) })),
            ("shingles", JSONValue(shingleCount)),
            ("spin_score", JSONValue(spinScore)),
            ("wire", .bool(isWire)),
            ("mean_word_length", JSONValue(meanWordLength)),
            ("sentences", .array(sentences.map { JSONValue(Int($0)) })),
        ]))
    }
}

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
        var hash = LetterRuns.basis
        var capitalized = false
        var hasDigit = false
        var wordStart = 0
        func finish(at end: Int) {
            let kind: Kind = hasDigit ? .number : words.marks(of: hash) & LineFeatures.WordMark.stopword != 0 ? .function : (capitalized && !sentenceStart) ? .name : .content
            body(hash, kind, wordStart..<end)
            sentenceStart = false
            inWord = false
            hash = LetterRuns.basis
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
                        hash = (hash ^ UInt64(lower)) &* LetterRuns.prime
                    } else if current &- UInt8(ascii: "0") < 10 {
                        hasDigit = true
                        hash = (hash ^ UInt64(current)) &* LetterRuns.prime
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
                isWordByte = LetterRuns.lowercasedLetter(byte) != nil || (byte >= 0x30 && byte <= 0x39)
                    || (inWord && byte == UInt8(ascii: "'") && index + 1 < bytes.count && LetterRuns.lowercasedLetter(bytes[index + 1]) != nil)
            } else {
                let (scalar, scalarLength) = UTF8Scalars.decode(bytes, at: index)
                length = scalarLength
                if isUnspacedLetter(scalar) {
                    if inWord { finish(at: index) }
                    wordStart = index
                    for offset in 0..<length { hash = (hash ^ UInt64(bytes[index + offset])) &* LetterRuns.prime }
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
                        if offset == 0 { hash = (hash ^ UInt64(folded)) &* LetterRuns.prime }
                        continue
                    }
                    hash = (hash ^ UInt64(LetterRuns.lowercasedLetter(folded) ?? folded)) &* LetterRuns.prime
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
