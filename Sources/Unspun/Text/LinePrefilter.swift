/// A byte-level pass that tells which lines may hold a phrase, so that ICU tokenizes only those.
///
/// Text is read as runs of ASCII letters, lowercased ("shouldn't be" is `shouldn`, `t`, `be`).
/// Wherever ICU finds a phrase, the phrase's runs stand in the text as whole runs too, one after
/// another (ICU never breaks between two ASCII letters, and a phrase's tokens match exactly). So
/// each phrase contributes one selector, its two adjacent runs with the most letters ("seat down"
/// for "take a seat down"), or its one run when it has only one; a line without any selector
/// cannot match. A phrase with no ASCII letters makes every line a candidate. Phrases never
/// span lines.
struct LinePrefilter {
    private let pairs: FastHashSet
    private let singles: FastHashSet
    private let everyLine: Bool

    struct Scan {
        var candidateLines: [Range<Int>] = []
        /// Words: maximal runs of letters, digits and non-ASCII characters.
        var words = 0
    }

    /// `everyLine` makes every line a candidate (to measure matching without the prefilter).
    init(phrases: [String], everyLine: Bool = false) {
        var pairs: [UInt64] = []
        var singles: [UInt64] = []
        var matchesAnyLine = everyLine
        for phrase in phrases {
            var hashes: [UInt64] = []
            var lengths: [Int] = []
            Array(phrase.utf8).withUnsafeBufferPointer { bytes in
                LetterRuns.forEachRun(in: bytes) { hash, range in
                    hashes.append(hash)
                    lengths.append(range.count)
                }
            }
            if hashes.isEmpty {
                matchesAnyLine = true
            } else if hashes.count == 1 {
                singles.append(hashes[0])
            } else {
                var best = 1
                for index in 2..<max(2, hashes.count) where lengths[index - 1] + lengths[index] > lengths[best - 1] + lengths[best] {
                    best = index
                }
                pairs.append(Self.pair(hashes[best - 1], hashes[best]))
            }
        }
        self.pairs = FastHashSet(pairs)
        self.singles = FastHashSet(singles)
        self.everyLine = matchesAnyLine
    }

    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Scan {
        var scan = Scan()
        guard let base = bytes.baseAddress else { return scan }
        var lineStart = 0
        var lineHit = everyLine
        var previousRun: UInt64?
        var inWord = false
        let count = bytes.count
        var index = 0
        func endLine(at end: Int) {
            if lineHit, end > lineStart { scan.candidateLines.append(lineStart..<end) }
            lineStart = end + 1
            lineHit = everyLine
            previousRun = nil
        }
        while index < count {
            let byte = base[index]
            if (byte | 0x20) &- UInt8(ascii: "a") < 26 {
                // A run of letters, hashed in one tight loop.
                if !inWord { scan.words += 1 }
                inWord = true
                var hash = FNV1a.basis
                repeat {
                    hash = FNV1a.feed(hash, UInt64(base[index] | 0x20))
                    index += 1
                } while index < count && (base[index] | 0x20) &- UInt8(ascii: "a") < 26
                if !lineHit {
                    if singles.contains(hash) { lineHit = true }
                    if let previousRun, pairs.contains(Self.pair(previousRun, hash)) { lineHit = true }
                }
                previousRun = hash
                continue
            }
            let isWordByte = byte >= 0x80 || byte &- UInt8(ascii: "0") < 10
            if isWordByte, !inWord { scan.words += 1 }
            inWord = isWordByte
            if byte == 0x0A { endLine(at: index) }
            index += 1
        }
        endLine(at: count)
        return scan
    }

    private static func pair(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first &* 0x9E37_79B9_7F4A_7C15) ^ second
    }

}
