/// Decoding single scalars from valid UTF-8, for byte-level scanners.
enum UTF8Scalars {
    /// The scalar starting at `index` of valid UTF-8 and its length in bytes. A sequence that the
    /// end of the buffer cuts off (not UTF-8, but a library caller may pass such bytes) reads as
    /// one U+FFFD byte instead of reading past the end.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        guard index + (lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4) <= bytes.count else { return (0xFFFD, 1) }
        if lead < 0xE0 { return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return (UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return (
            UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F), 4
        )
    }

    /// Whether valid UTF-8 `bytes` hold more than `limit` scalars: the bytes that do not continue
    /// a scalar, counted until the limit is passed.
    static func count(in bytes: UnsafeBufferPointer<UInt8>, exceeds limit: Int) -> Bool {
        guard bytes.count > limit else { return false }
        var scalars = 0
        for byte in bytes where byte & 0xC0 != 0x80 {
            scalars += 1
            if scalars > limit { return true }
        }
        return false
    }

    static func encode(_ scalar: UInt32) -> [UInt8] {
        guard let value = Unicode.Scalar(scalar) else { return [0xEF, 0xBF, 0xBD] }
        return Array(UTF8.encode(value)!)
    }
}

/// Collects a rule's replacements over its input and turns them into `Edit`s.
struct EditCollector {
    let stage: String
    /// The rule named in the edits that follow; may change between replacements.
    var rule: String
    let input: UnsafeBufferPointer<UInt8>
    private(set) var edits: [Edit] = []

    init(stage: String, rule: String, input: UnsafeBufferPointer<UInt8>) {
        self.stage = stage
        self.rule = rule
        self.input = input
    }

    mutating func replace<Bytes: Collection<UInt8>>(_ range: Range<Int>, with after: Bytes) {
        // Adjacent replacements of one rule read better as one edit.
        if let last = edits.last, last.end == range.lowerBound, last.rule == rule {
            edits[edits.count - 1].end = range.upperBound
            edits[edits.count - 1].before += text(range)
            edits[edits.count - 1].after += String(decoding: after, as: UTF8.self)
            return
        }
        edits.append(
            Edit(
                stage: stage, rule: rule, start: range.lowerBound, end: range.upperBound,
                before: text(range), after: String(decoding: after, as: UTF8.self)))
    }

    mutating func delete(_ range: Range<Int>) {
        replace(range, with: EmptyCollection())
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: input[range]), as: UTF8.self)
    }
}
