import Foundation

/// Tests on eight bytes at once (one 64-bit word), for scans that look for rare bytes in long
/// runs of ordinary text: each returns the high bit of every byte that passes. Only the lowest
/// flagged byte is sure to be exact; scans go to it and check it byte by byte.
enum WordScan {
    /// The eight bytes at `offset`, first byte lowest.
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// `byte` in every byte of a word.
    @inline(__always)
    static func repeated(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// Bytes equal to the byte repeated in `pattern` (exact for every byte).
    @inline(__always)
    static func equal(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let difference = word ^ pattern
        return ~(((difference & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | difference) & 0x8080_8080_8080_8080
    }

    /// Bytes below `limit` (at most 0x80).
    @inline(__always)
    static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- repeated(limit)) & ~word & 0x8080_8080_8080_8080
    }

    /// Bytes from 0x80 up.
    @inline(__always)
    static func high(_ word: UInt64) -> UInt64 { word & 0x8080_8080_8080_8080 }

    /// The byte offset of the lowest flagged byte.
    @inline(__always)
    static func firstFlagged(_ flags: UInt64) -> Int { flags.trailingZeroBitCount / 8 }

    /// The first index from `start` in whose eight-byte word `flags` marks a byte: that byte's
    /// index, or where fewer than eight bytes remain (the caller goes on byte by byte from there).
    @inline(__always)
    static func skip(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, flags: (UInt64) -> UInt64) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var index = start
        while index + 8 <= bytes.count {
            let flagged = flags(load(base, index))
            if flagged != 0 { return index + firstFlagged(flagged) }
            index += 8
        }
        return index
    }

    /// A hash of `bytes`, eight at a time: to find lines that repeat.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = bytes.baseAddress else { return hash }
        var index = 0
        while index + 8 <= bytes.count {
            hash = (hash ^ load(base, index)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            index += 8
        }
        while index < bytes.count {
            hash = FNV1a.feed(hash, UInt64(base[index]))
            index += 1
        }
        return StorySignature.mix(hash)
    }

    /// Calls `body` with the range of each line of `bytes` that is not empty, newline excluded.
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var start = 0
        while start < bytes.count {
            let end = nextNewline(bytes, from: start)
            if end > start { body(start..<end) }
            start = end + 1
        }
    }

    /// The index of the first newline at or after `start`, or `bytes.count` when there is none.
    static func nextNewline(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count, let hit = memchr(base + start, 0x0A, bytes.count - start) else { return bytes.count }
        return UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
    }
}
