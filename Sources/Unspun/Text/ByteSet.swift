/// A set of byte values: which bytes a text holds, or which bytes can start something a
/// scanner looks for. A 256-entry table, so that a test is one load.
struct ByteSet: Sendable {
    private var members: [Bool]

    init(_ bytes: some Sequence<UInt8>) {
        members = [Bool](repeating: false, count: 256)
        for byte in bytes { members[Int(byte)] = true }
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
}
