import CICU

/// An ICU regular expression over UTF-8 lines; match offsets are byte offsets. Not thread-safe:
/// each stage instance compiles its own.
///
/// Every search is bounded: a pattern that backtracks catastrophically on some line (nested
/// quantifiers over a long share bar) stops after a fixed number of match-engine steps, the same
/// on every machine, and the search says so instead of stalling the batch.
final class Pattern {
    struct CompileError: Error {
        var message: String
    }

    /// A search that reached the step or stack limit: no answer for this text.
    struct LimitReached: Error {}

    private let handle: OpaquePointer
    let groupCount: Int
    private var ranges: [Int64]

    init(_ source: String, caseInsensitive: Bool) throws(CompileError) {
        var error: Int32 = 0
        var offset: Int32 = -1
        let bytes = Array(source.utf8)
        let opened = bytes.withUnsafeBufferPointer {
            cicu_regex_open($0.baseAddress, Int32($0.count), caseInsensitive ? 1 : 0, &error, &offset)
        }
        guard let opened else {
            let place = offset >= 0 ? " near character \(offset + 1)" : ""
            throw CompileError(message: "invalid regular expression\(place) (ICU error \(error))")
        }
        handle = opened
        groupCount = Int(cicu_regex_group_count(opened))
        ranges = Array(repeating: -1, count: 2 * (groupCount + 1))
    }

    deinit { cicu_regex_close(handle) }

    func groupNumber(_ name: String) -> Int? {
        let number = cicu_regex_group_number(handle, name)
        return number > 0 ? Int(number) : nil
    }

    /// Sets the step and stack limits of every later search (`cicu_regex_set_limits`).
    func limit(steps: Int32, stackBytes: Int32 = Int32(CICU_REGEX_DEFAULT_STACK)) {
        cicu_regex_set_limits(handle, steps, stackBytes)
    }

    /// The first match in `bytes`: the whole match and each group's byte range (nil when a group
    /// took no part).
    func firstMatch(in bytes: UnsafeBufferPointer<UInt8>) throws(LimitReached) -> [Range<Int>?]? {
        let capacity = Int32(groupCount)
        let found = ranges.withUnsafeMutableBufferPointer { rangeBuffer in
            cicu_regex_find(handle, bytes.baseAddress, Int64(bytes.count), rangeBuffer.baseAddress, capacity)
        }
        if found == Int32(CICU_REGEX_LIMIT) { throw LimitReached() }
        guard found == 1 else { return nil }
        return (0...groupCount).map { group in
            let start = Int(ranges[2 * group])
            let end = Int(ranges[2 * group + 1])
            return start >= 0 && end >= start ? start..<end : nil
        }
    }
}
