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

    public internal(set) var id: String
    /// Minimum of each of the `hashCount` hash functions over the skeleton shingles.
    public internal(set) var minHashes: [UInt32]
    /// How many distinct skeleton shingles the document has.
    public internal(set) var shingleCount: Int
    /// Canonical preference (see `StoryGrouper`): spin score, wire marks, length.
    public internal(set) var spinScore: Double
    public internal(set) var isWire: Bool
    /// Mean letters per word: spinners' synonyms run longer than the words they replace.
    public internal(set) var meanWordLength: Double
    /// Sorted, distinct hashes of the document's sentences (their letters and digits,
    /// lowercased), the `sentenceLimit` lowest of them (a sample that two documents take alike):
    /// which sentences a story's members share word for word, for the canonical choice
    /// (`StoryGrouper.canonical`).
    public internal(set) var sentences: [UInt32]
    public static let sentenceLimit = 256
    /// Bytes of the lines strip removed (page residue): of two copies alike after cleaning, the
    /// one that came with less residue is likelier the original.
    public internal(set) var residue: Int

    /// Computes the signature of a cleaned document; of the lines strip removed, when it removed
    /// them all (a copy emptied by strip is still grouped with its story, on what it held).
    public init(document: Document) {
        id = document.id
        var text = document.isBlank ? Self.removedText(document) : document.text
        residue = (document.metadata["removed"]?.arrayValue ?? []).reduce(0) { $0 + ($1.objectValue?["text"]?.stringValue?.utf8.count ?? 0) }
        let (skeleton, meanWordLength) = text.withUTF8 { Skeleton.tokens(in: $0) }
        self.meanWordLength = meanWordLength
        var shingles: [UInt64] = []
        if skeleton.count >= 4 {
            shingles.reserveCapacity(skeleton.count - 3)
            for start in 0...(skeleton.count - 4) {
                var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
                for offset in 0..<4 { hash = FNV1a.feed(hash, skeleton[start + offset]) }
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
        isWire =
            metadata["dateline"] != nil || metadata["source"] != nil
            || (metadata["credits"]?.arrayValue ?? []).contains { ($0.stringValue ?? "").contains("Reporting by") }
    }

    /// Hashes of the sentences of `bytes` (ended by . ! ? a newline or an ideographic full stop),
    /// over their ASCII letters and digits lowercased and their other non-ASCII bytes, so that
    /// spacing, quote style and punctuation do not count; sentences of fewer than 12 such bytes
    /// are left out.
    static func sentenceHashes(in bytes: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        var result: [UInt32] = []
        var hash = FNV1a.basis
        var length = 0
        func flush() {
            if length >= 12 { result.append(UInt32(truncatingIfNeeded: mix(hash) >> 32)) }
            hash = FNV1a.basis
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
                hash = (hash ^ UInt64(letter)) &* FNV1a.prime
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
        jaccard(agreements: agreements(mine, theirs))
    }

    /// The estimated Jaccard of two sketches that agree on `agreements` hashes.
    @inline(__always)
    static func jaccard(agreements: Int) -> Double { Double(agreements) / Double(hashCount) }

    /// How many hashes of two MinHash sketches are equal (a hash left at `.max` saw no shingle).
    @inline(__always)
    static func agreements(_ mine: UnsafeBufferPointer<UInt32>, _ theirs: UnsafeBufferPointer<UInt32>) -> Int {
        agreementMask(mine, theirs).nonzeroBitCount
    }

    /// The hash functions on which two sketches agree, as bits (bit `i` for function `i`).
    @inline(__always)
    static func agreementMask(_ mine: UnsafeBufferPointer<UInt32>, _ theirs: UnsafeBufferPointer<UInt32>) -> UInt64 {
        var mask: UInt64 = 0
        for index in 0..<hashCount where mine[index] == theirs[index] && mine[index] != .max { mask |= 1 << UInt64(index) }
        return mask
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
        .object(
            JSONObject([
                ("id", .string(id)),
                ("keys", .array(bucketKeys.map { .string(String($0, radix: 16)) })),
                ("minhash", .array(minHashes.map { JSONValue(Int($0)) })),
                ("shingles", JSONValue(shingleCount)),
                ("spin_score", JSONValue(spinScore)),
                ("wire", .bool(isWire)),
                ("mean_word_length", JSONValue(meanWordLength)),
                ("sentences", .array(sentences.map { JSONValue(Int($0)) })),
                ("residue", JSONValue(residue)),
            ]))
    }
}
