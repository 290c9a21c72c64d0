/// A fixed table of 64-bit hashes, each with a small value (its marks), with open addressing and
/// a multiplicative hash: lookups on hot paths (one per word) without SipHash, and one lookup
/// answers several questions about a word (a stopword? a rule's word?) or leads to its entry
/// (the thesaurus). Zero is used as the empty mark, so a key of zero is stored as one.
struct FastHashTable<Marks: FixedWidthInteger & Sendable>: Sendable {
    private var slots: [UInt64]
    private var marks: [Marks]
    private let shift: UInt64

    /// Keys with their marks; a key given twice gets both marks (bitwise or).
    init<S: Sequence<(key: UInt64, marks: Marks)>>(marked entries: S) {
        var merged: [UInt64: Marks] = [:]
        for (key, marks) in entries { merged[key == 0 ? 1 : key, default: 0] |= marks }
        var bits: UInt64 = 4
        while (1 << bits) < merged.count * 2 { bits += 1 }
        slots = Array(repeating: 0, count: 1 << bits)
        marks = Array(repeating: 0, count: 1 << bits)
        shift = 64 - bits
        for (key, keyMarks) in merged.sorted(by: { $0.key < $1.key }) {
            var index = slot(key)
            while slots[index] != 0 { index = (index + 1) & (slots.count - 1) }
            slots[index] = key
            marks[index] = keyMarks
        }
    }

    init<S: Sequence<UInt64>>(_ keys: S) {
        self.init(marked: keys.lazy.map { (key: $0, marks: Marks(1)) })
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The marks of `key`, 0 when it is not in the set.
    @inline(__always)
    func marks(of key: UInt64) -> Marks {
        let key = key == 0 ? 1 : key
        var index = slot(key)
        while true {
            let stored = slots[index]
            if stored == key { return marks[index] }
            if stored == 0 { return 0 }
            index = (index + 1) & (slots.count - 1)
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { marks(of: key) != 0 }
}

/// The hash set of words: a byte of marks per key.
typealias FastHashSet = FastHashTable<UInt8>
