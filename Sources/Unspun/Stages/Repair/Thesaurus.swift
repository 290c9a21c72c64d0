import Foundation

/// The inverse thesaurus (`Rules/en/thesaurus.tsv`, from `Rules/tools/make_thesaurus.py`): for a
/// word or phrase a spinner could have put in, the wordings it could have replaced. Keys are the
/// chained `LMHash` of the phrase's tokens, in a `FastHashTable` that also holds every phrase's
/// proper prefixes, so that a lookup costs no string work and no SipHash, and a scan stops
/// growing a phrase as soon as no entry starts with it.
public struct Thesaurus: Sendable {
    /// The candidates live in flat arrays, indexed by a candidate number, so that the scoring
    /// loop touches no reference-counted value.
    struct Candidates: Sendable {
        /// Every candidate's token hashes, one after another; candidate `i` has
        /// `hashes[hashStarts[i]..<hashStarts[i + 1]]`.
        var hashes: [UInt64] = []
        var hashStarts: [Int32] = [0]
        var texts: [String] = []
        /// The thesauri that list it, as in the rule name: `wordnet`, `mythes`, `wordnet+mythes`.
        var sources: [String] = []

        mutating func append(text: String, source: String) {
            hashes += LMTokenizer.hashes(of: text)
            hashStarts.append(Int32(hashes.count))
            texts.append(text)
            sources.append(source)
        }
    }

    /// What a key leads to: a spun phrase's candidates (numbers in `candidates`), or only
    /// longer phrases.
    enum Entry: Sendable {
        case none
        case prefix
        case candidates(Range<Int>)
    }

    /// Per key: 1 + the index of its group in `groupStarts`, or `prefixOnly`.
    private var table = FastHashTable<UInt32>(marked: [])
    private static let prefixOnly = UInt32.max
    /// Group `g` is candidates `groupStarts[g]..<groupStarts[g + 1]`.
    private var groupStarts: [Int32] = [0]
    private(set) var candidates = Candidates()
    /// The most tokens a spun phrase of the table has.
    private(set) var longestKey = 1
    public var count: Int { groupStarts.count - 1 }

    /// Reads `SPUN<TAB>CANDIDATE:SOURCES|...` lines; `#` lines are comments.
    public init(path: String) throws(RuleError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw RuleError(file: path, line: 0, message: "cannot read") }
        let names: [Character: String] = ["w": "wordnet", "m": "mythes"]
        var entries: [UInt64: [(text: String, source: String)]] = [:]
        var prefixes = Set<UInt64>()
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { throw RuleError(file: path, line: number + 1, message: "want SPUN<TAB>CANDIDATES") }
            let keyHashes = LMTokenizer.hashes(of: String(fields[0]))
            var listed: [(text: String, source: String)] = []
            for item in fields[1].split(separator: "|") {
                guard let colon = item.lastIndex(of: ":") else { throw RuleError(file: path, line: number + 1, message: "candidate without sources: \(item)") }
                let source = item[item.index(after: colon)...].compactMap { names[$0] }.joined(separator: "+")
                listed.append((String(item[..<colon]), source))
            }
            guard !keyHashes.isEmpty else { continue }
            entries[Thesaurus.key(keyHashes[...]), default: []].append(contentsOf: listed)
            for length in 1..<keyHashes.count { prefixes.insert(Thesaurus.key(keyHashes[..<length])) }
            longestKey = max(longestKey, keyHashes.count)
        }
        build(entries: entries, prefixes: prefixes)
    }

    private mutating func build(entries: [UInt64: [(text: String, source: String)]], prefixes: Set<UInt64>) {
        var marked: [(key: UInt64, marks: UInt32)] = []
        for key in prefixes.union(entries.keys).sorted() {
            if let listed = entries[key] {
                for (text, source) in listed { candidates.append(text: text, source: source) }
                groupStarts.append(Int32(candidates.texts.count))
                marked.append((key, UInt32(groupStarts.count - 1)))
            } else {
                marked.append((key, Self.prefixOnly))
            }
        }
        table = FastHashTable(marked: marked)
    }

    static func key(_ hashes: ArraySlice<UInt64>) -> UInt64 {
        hashes.dropFirst().reduce(hashes.first ?? 0) { LMHash.extend($0, $1) }
    }

    @inline(__always)
    func entry(_ key: UInt64) -> Entry {
        switch table.marks(of: key) {
        case 0: .none
        case Self.prefixOnly: .prefix
        case let group: .candidates(Int(groupStarts[Int(group) - 1])..<Int(groupStarts[Int(group)]))
        }
    }
}
