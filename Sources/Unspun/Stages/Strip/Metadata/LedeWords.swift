/// The words of the article's first paragraphs, which its headline shares and a menu line,
/// a call to action or a site banner does not ("Book a Demo Log In" above "15 Essential Event
/// Planning Skills ...", whose words the first paragraph repeats). Words of four letters or
/// more, lower-cased, as FNV hashes of their bytes.
struct LedeWords {
    /// Lines this long (bytes) are paragraphs; the first few are read, up to `reach` bytes each.
    static let paragraph = 200
    static let paragraphs = 4
    static let reach = 600
    static let weight = 16

    private let hashes: [UInt64]

    /// The paragraphs from `start` on (the first line of prose the classifier kept).
    init(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], from start: Int) {
        var hashes: [UInt64] = []
        for range in ranges[start...].lazy.filter({ $0.count >= Self.paragraph }).prefix(Self.paragraphs) {
            Self.forEachWord(UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<min(range.upperBound, range.lowerBound + Self.reach)])) { hashes.append($0) }
        }
        // Searched as they stand: a page asks of a few dozen words at most, and sorting or
        // hashing them all would cost more than that.
        self.hashes = hashes
    }

    /// 0 to `weight`: the share of the line's distinct words that the first paragraphs hold.
    func score(_ text: String) -> Int {
        var words = Set<UInt64>()
        Array(text.utf8).withUnsafeBufferPointer { line in Self.forEachWord(line) { words.insert($0) } }
        guard !words.isEmpty else { return 0 }
        return Self.weight * words.filter(hashes.contains).count / words.count
    }

    /// Runs of letters (ASCII letters, or bytes of non-ASCII characters) of four bytes or more.
    static func forEachWord(_ line: UnsafeBufferPointer<UInt8>, _ body: (UInt64) -> Void) {
        LetterRuns.forEachRun(in: line, nonASCII: true) { hash, range in
            if range.count >= 4 { body(hash) }
        }
    }
}
