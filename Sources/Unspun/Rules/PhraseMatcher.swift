/// All phrase rules compiled into one trie over case-folded token keys. A document is matched in
/// one pass over its tokens; each step is a hash lookup, so the cost does not grow with the
/// number of rules (8,000 rules match as fast as 100). Built once per run and shared by the
/// workers (`RuleBook.phraseMatcher`): only the word breaker is per thread.
final class PhraseMatcher: Sendable {
    let rules: [PhraseRule]
    private let edges: EdgeTable
    /// Rules ending at each node, in file order.
    private let terminals: [[Int32]]
    /// Finds the lines where some phrase may match, without ICU.
    let prefilter: LinePrefilter

    init(rules: [PhraseRule], breaker: WordBreaker, linePrefilter: Bool = true) {
        self.rules = rules
        prefilter = LinePrefilter(phrases: rules.map(\.phrase), everyLine: !linePrefilter)
        var edges = EdgeTable()
        var terminals: [[Int32]] = [[]]
        for (index, rule) in rules.enumerated() {
            var phrase = rule.phrase
            let keys = phrase.withUTF8 { bytes in
                breaker.tokens(in: bytes, skippingSpaces: true).map { TokenKeys.key(bytes, $0.range) }
            }
            var node: Int32 = 0
            for key in keys {
                if let next = edges.child(of: node, key: key) {
                    node = next
                } else {
                    terminals.append([])
                    let next = Int32(terminals.count - 1)
                    edges.insert(parent: node, key: key, child: next)
                    node = next
                }
            }
            terminals[Int(node)].append(Int32(index))
        }
        self.edges = edges
        self.terminals = terminals
    }

    /// The phrases that start at `start` in `keys`, longest first: (end, rule indices).
    func matches(in keys: [UInt64], from start: Int) -> [(end: Int, rules: [Int32])] {
        var found: [(end: Int, rules: [Int32])] = []
        var node: Int32 = 0
        var index = start
        while index < keys.count, let next = edges.child(of: node, key: keys[index]) {
            node = next
            index += 1
            if !terminals[Int(node)].isEmpty { found.append((index, terminals[Int(node)])) }
        }
        return found.reversed()
    }
}

/// The trie's edges in one open-addressing table keyed by (parent node, token key): a lookup is a
/// multiply, a mask and usually one probe, far cheaper than a `Dictionary` with SipHash.
private struct EdgeTable: Sendable {
    private var parents: [Int32] = Array(repeating: -1, count: 64)
    private var keys: [UInt64] = Array(repeating: 0, count: 64)
    private var children: [Int32] = Array(repeating: 0, count: 64)
    private var count = 0

    @inline(__always)
    private func slot(_ parent: Int32, _ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key ^ UInt64(UInt32(bitPattern: parent))) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    @inline(__always)
    func child(of parent: Int32, key: UInt64) -> Int32? {
        let mask = parents.count - 1
        var index = slot(parent, key, mask: mask)
        while parents[index] != -1 {
            if parents[index] == parent, keys[index] == key { return children[index] }
            index = (index + 1) & mask
        }
        return nil
    }

    mutating func insert(parent: Int32, key: UInt64, child: Int32) {
        if (count + 1) * 2 > parents.count { grow() }
        let mask = parents.count - 1
        var index = slot(parent, key, mask: mask)
        while parents[index] != -1 { index = (index + 1) & mask }
        parents[index] = parent
        keys[index] = key
        children[index] = child
        count += 1
    }

    private mutating func grow() {
        let old = (parents, keys, children)
        parents = Array(repeating: -1, count: old.0.count * 2)
        keys = Array(repeating: 0, count: old.0.count * 2)
        children = Array(repeating: 0, count: old.0.count * 2)
        count = 0
        for index in old.0.indices where old.0[index] != -1 {
            insert(parent: old.0[index], key: old.1[index], child: old.2[index])
        }
    }
}
