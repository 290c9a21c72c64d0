import Foundation

/// The inverse thesaurus (`Rules/en/thesaurus.tsv`, from `Rules/tools/make_thesaurus.py`): for a
/// word or phrase a spinner could have put in, the wordings it could have replaced. Keys are the
/// chained `LMHash` of the phrase's tokens, so a lookup costs no string work.
public struct Thesaurus: Sendable {
    struct Candidate: Sendable {
        var text: String
        var hashes: [UInt64]
        /// The thesauri that list it, as in the rule name: `wordnet`, `mythes`, `wordnet+mythes`.
        var source: String
    }

    private var entries: [UInt64: [Candidate]] = [:]
    /// The most tokens a spun phrase of the table has.
    private(set) var longestKey = 1
    public var count: Int { entries.count }

    /// Reads `SPUN<TAB>CANDIDATE:SOURCES|...` lines; `#` lines are comments.
    public init(path: String) throws(RuleError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw RuleError(file: path, line: 0, message: "cannot read") }
        let names: [Character: String] = ["w": "wordnet", "m": "mythes"]
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { throw RuleError(file: path, line: number + 1, message: "want SPUN<TAB>CANDIDATES") }
            let keyHashes = LMTokenizer.hashes(of: String(fields[0]))
            var candidates: [Candidate] = []
            for item in fields[1].split(separator: "|") {
                guard let colon = item.lastIndex(of: ":") else { throw RuleError(file: path, line: number + 1, message: "candidate without sources: \(item)") }
                let text = String(item[..<colon])
                let source = item[item.index(after: colon)...].compactMap { names[$0] }.joined(separator: "+")
                candidates.append(Candidate(text: text, hashes: LMTokenizer.hashes(of: text), source: source))
            }
            guard !keyHashes.isEmpty else { continue }
            entries[Thesaurus.key(keyHashes[...]), default: []].append(contentsOf: candidates)
            longestKey = max(longestKey, keyHashes.count)
        }
    }

    static func key(_ hashes: ArraySlice<UInt64>) -> UInt64 {
        hashes.dropFirst().reduce(hashes.first ?? 0) { LMHash.extend($0, $1) }
    }

    func candidates(_ key: UInt64) -> [Candidate]? { entries[key] }
}
