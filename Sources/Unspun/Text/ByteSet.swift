/// A set of byte values: which bytes a text holds, or which bytes can start something a
/// scanner looks for. A 256-entry table, so that a test is one load.
struct ByteSet: Sendable {
    private var members: [Bool]
    /// Members below 0x80, when there are at most two of them: `firstMember` then tests eight
    /// bytes at a time.
    private var asciiMembers: [UInt8]?
    private var hasHighMembers = false

    init(_ bytes: some Sequence<UInt8>) {
        members = [Bool](repeating: false, count: 256)
        for byte in bytes { members[Int(byte)] = true }
        let ascii = (0..<0x80).filter { members[$0] }.map(UInt8.init)
        asciiMembers = ascii.count <= 2 ? ascii : nil
        hasHighMembers = members[0x80...].contains(true)
    }

    /// The bytes of `text`.
    init(of text: UnsafeBufferPointer<UInt8>) {
        members = [Bool](repeating: false, count: 256)
        members.withUnsafeMutableBufferPointer { table in
            for byte in text { table[Int(byte)] = true }
        }
    }

    /// Calls `body` with a membership test that costs one load (no bounds check: 256 entries).
    func withLookup<Result>(_ body: ((UInt8) -> Bool) -> Result) -> Result {
        members.withUnsafeBufferPointer { table in
            body { byte in table.baseAddress.unsafelyUnwrapped[Int(byte)] }
        }
    }

    func intersects(_ other: ByteSet) -> Bool {
        zip(members, other.members).contains { $0 && $1 }
    }

    /// The first index from `start` whose byte is a member, or `bytes.count`. Mostly-ASCII text
    /// is skipped eight bytes at a time when the set has few ASCII members.
    func firstMember(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var index = start
        withLookup { isMember in
            if let ascii = asciiMembers {
                let high: UInt64 = hasHighMembers ? 0x8080_8080_8080_8080 : 0
                let first = ascii.first.map(WordScan.repeated)
                let second = ascii.dropFirst().first.map(WordScan.repeated)
                while index + 8 <= bytes.count {
                    index = WordScan.skip(bytes, from: index) { word in
                        var flagged = word & high
                        if let first { flagged |= WordScan.equal(word, first) }
                        if let second { flagged |= WordScan.equal(word, second) }
                        return flagged
                    }
                    if index < bytes.count, isMember(base[index]) { return }
                    if index + 8 <= bytes.count { index += 1 }
                }
            }
            while index < bytes.count, !isMember(base[index]) { index += 1 }
        }
        return index
    }
}
