/// All phrase rules compiled into one trie over case-folded token keys. A document is matched in
/// one pass over its tokens; each step is a hash lookup, so the cost does not grow with the
/// number of rules (8,000 rules match as fast as 100).
final class PhraseMatcher {
    private struct Edge: Hashable {
        var node: Int32
        var key: UInt64
    }

    let rules: [PhraseRule]
    private var edges: [Edge: Int32] = [:]
    /// Rules ending at each node, in file order.
    private var terminals: [[Int32]] = [[]]
    /// How many tokens each rule's phrase has.
    private(set) var lengths: [Int] = []

    init(rules: [PhraseRule], breaker: WordBreaker) {
        self.rules = rules
        for (index, rule) in rules.enumerated() {
            var phrase = rule.phrase
            let keys = phrase.withUTF8 { bytes in
                breaker.tokens(in: bytes).filter { $0.kind != .space }.map { TokenKeys.key(bytes, $0.range) }
            }
            lengths.append(keys.count)
            var node: Int32 = 0
            for key in keys {
                if let next = edges[Edge(node: node, key: key)] {
                    node = next
                } else {
                    terminals.append([])
                    let next = Int32(terminals.count - 1)
                    edges[Edge(node: node, key: key)] = next
                    node = next
                }
            }
            terminals[Int(node)].append(Int32(index))
        }
    }

    /// The phrases that start at `start` in `keys`, longest first: (end, rule indices).
    func matches(in keys: [UInt64], from start: Int) -> [(end: Int, rules: [Int32])] {
        var found: [(end: Int, rules: [Int32])] = []
        var node: Int32 = 0
        var index = start
        while index < keys.count, let next = edges[Edge(node: node, key: keys[index])] {
            node = next
            index += 1
            if !terminals[Int(node)].isEmpty { found.append((index, terminals[Int(node)])) }
        }
        return found.reversed()
    }
}
