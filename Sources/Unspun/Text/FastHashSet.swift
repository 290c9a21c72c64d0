/// A fixed set of 64-bit hashes with open addressing and a multiplicative hash: lookups on hot
/// paths (a membership test per word) without SipHash. Zero is used as the empty mark, so a
/// key of zero is stored as one.
struct FastHashSet: Sendable {
    private var slots: [UInt64]
    private let shift: UInt64

    init<S: Sequence<UInt64>>(_ keys: S) {
        let unique = Set(keys.map { $0 == 0 ? 1 : $0 })
        var bits: UInt64 = 4
        while (1 << bits) < unique.count * 2 { bits += 1 }
        slots = Array(repeating: 0, count: 1 << bits)
        shift = 64 - bits
        for key in unique {
            var index = slot(key)
            while slots[index] != 0 { index = (index + 1) & (slots.count - 1) }
            slots[index] = key
        }
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        let key = key == 0 ? 1 : key
        var index = slot(key)
        while true {
            let stored = slots[index]
            if stored == key { return true }
            if stored == 0 { return false }
            index = (index + 1) & (slots.count - 1)
        }
    }
}
