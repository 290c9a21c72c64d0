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
        /// The thesauri that list it, as in the rule name: `wordnet`, `mythes`, `wordnet+mythes`,
        /// `aiksaurus` (a table built with `make_thesaurus.py --sources`).
        var sources: [String] = []
        /// The log chance that a spinner which replaced this candidate put this spun wording in:
        /// a spinner picks one of the candidate's synonyms, so a swap out of a word with three
        /// synonyms is likelier than one out of a word with a hundred (Moby-style lists). The
        /// chances of the thesauri that list the swap are added, so a swap two of them list can
        /// score above 0 (up to ln 2 or ln 3): it is likelier under any spinner.
        var channel: [Double] = []

        mutating func append(text: String, source: String, channel: Double) {
            hashes += LMTokenizer.hashes(of: text)
            hashStarts.append(Int32(hashes.count))
            texts.append(text)
            sources.append(source)
            self.channel.append(channel)
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
    /// The largest channel term of any candidate (0 when none is above 0).
    private(set) var largestChannel = 0.0
    /// The most tokens a spun phrase of the table has.
    private(set) var longestKey = 1
    public var count: Int { groupStarts.count - 1 }

    /// Reads `SPUN<TAB>CANDIDATE:SOURCES|...` lines; `#` lines are comments.
    public init(path: String) throws(RuleError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw RuleError(file: path, line: 0, message: "cannot read") }
        var entries: [UInt64: [Listed]] = [:]
        var prefixes = Set<UInt64>()
        /// How many spun wordings each thesaurus lists for a candidate (its synonym count there).
        var synonymCounts: [String: SIMD4<Int32>] = [:]
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { throw RuleError(file: path, line: number + 1, message: "want SPUN<TAB>CANDIDATES") }
            let keyHashes = LMTokenizer.hashes(of: String(fields[0]))
            var listed: [Listed] = []
            for item in fields[1].split(separator: "|") {
                guard let colon = item.lastIndex(of: ":") else { throw RuleError(file: path, line: number + 1, message: "candidate without sources: \(item)") }
                var sources: UInt8 = 0
                for letter in item.utf8[item.index(after: colon)...] {
                    guard let bit = Self.sourceNames.firstIndex(where: { $0.letter == letter }) else {
                        throw RuleError(file: path, line: number + 1, message: "unknown source letter '\(Character(Unicode.Scalar(letter)))' in \(item) (known: w, m, a)")
                    }
                    sources |= 1 << bit
                }
                let text = String(item[..<colon])
                synonymCounts[text, default: .zero] &+= SIMD4(Int32(sources & 1), Int32(sources >> 1 & 1), Int32(sources >> 2 & 1), 0)
                listed.append(Listed(text: text, sources: sources))
            }
            guard !keyHashes.isEmpty else { continue }
            entries[Thesaurus.key(keyHashes[...]), default: []].append(contentsOf: listed)
            for length in 1..<keyHashes.count { prefixes.insert(Thesaurus.key(keyHashes[..<length])) }
            longestKey = max(longestKey, keyHashes.count)
        }
        build(entries: entries, prefixes: prefixes, synonymCounts: synonymCounts)
    }

    /// The table's source letters, bit `i` of a candidate's sources for `sourceNames[i]`.
    private static let sourceNames: [(letter: UInt8, name: String)] = [(UInt8(ascii: "w"), "wordnet"), (UInt8(ascii: "m"), "mythes"), (UInt8(ascii: "a"), "aiksaurus")]

    /// A candidate as a table line lists it: its wording and the bits of its thesauri.
    private struct Listed {
        var text: String
        var sources: UInt8
    }

    private mutating func build(entries: [UInt64: [Listed]], prefixes: Set<UInt64>, synonymCounts: [String: SIMD4<Int32>]) {
        let names = (0..<8).map { mask in Self.sourceNames.indices.filter { mask >> $0 & 1 == 1 }.map { Self.sourceNames[$0].name }.joined(separator: "+") }
        var marked: [(key: UInt64, marks: UInt32)] = []
        for key in prefixes.union(entries.keys).sorted() {
            if let listed = entries[key] {
                for item in listed {
                    let counts = synonymCounts[item.text] ?? .zero
                    let chance = Self.sourceNames.indices.reduce(0.0) { item.sources >> $1 & 1 == 1 ? $0 + 1 / Double(counts[$1]) : $0 }
                    let channel = chance > 0 ? log(chance) : 0
                    largestChannel = max(largestChannel, channel)
                    candidates.append(text: item.text, source: names[Int(item.sources)], channel: channel)
                }
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
