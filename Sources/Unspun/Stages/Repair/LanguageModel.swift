import Glibc

/// An n-gram model of news English, memory-mapped read-only so that every worker thread (and
/// every process) shares one copy of its pages. After KenLM's probing layout: one open-addressed
/// table of 64-bit slots, each the key of an n-gram (orders 1 to 3 in one table) in its top 56
/// bits and its count, quantized to a byte (`CountQuantizer`), in the low 8; a lookup hashes
/// into the table and probes linearly, a slot or two.
/// Scores are stupid backoff (Brants et al. 2007): c(uvw)/c(uv), else 0.4 c(vw)/c(v), else
/// 0.16 c(w)/N; cheap, no normalization needed for comparing two wordings of one span.
public final class LanguageModel: @unchecked Sendable {
    static let magic = Array("UNSPUNLM".utf8)
    static let version: UInt32 = 1

    /// The model's description: corpus, licence and attribution, written by `lm build`.
    public let header: String
    public let tokens: UInt64
    public let slotCount: Int
    private let mapping: UnsafeMutableRawPointer
    private let mappedBytes: Int
    private let slots: UnsafePointer<UInt64>
    private let logTotal: Double

    public init(path: String) throws(LanguageModelError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw LanguageModelError(path: path, message: "cannot open") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= 40 else { throw LanguageModelError(path: path, message: "not a language model (too short)") }
        mappedBytes = Int(status.st_size)
        guard let base = mmap(nil, mappedBytes, PROT_READ, MAP_SHARED, descriptor, 0), base != MAP_FAILED else {
            throw LanguageModelError(path: path, message: "cannot map")
        }
        mapping = base
        let raw = UnsafeRawPointer(base)
        let layout = LanguageModel.readLayout(raw, size: mappedBytes)
        guard let layout else {
            munmap(base, mappedBytes)
            throw LanguageModelError(path: path, message: "not a language model of this version (rebuild it with `unspun lm build`)")
        }
        header = layout.header
        tokens = layout.tokens
        slotCount = layout.slotCount
        slots = (raw + layout.slotsOffset).assumingMemoryBound(to: UInt64.self)
        logTotal = log(Double(max(layout.tokens, 1)))
    }

    deinit { munmap(mapping, mappedBytes) }

    private static func readLayout(_ raw: UnsafeRawPointer, size: Int) -> (header: String, tokens: UInt64, slotCount: Int, slotsOffset: Int)? {
        guard (0..<8).allSatisfy({ raw.load(fromByteOffset: $0, as: UInt8.self) == magic[$0] }),
            raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self) == version
        else { return nil }
        let slotCount = Int(raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        let tokens = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        let headerLength = Int(raw.loadUnaligned(fromByteOffset: 32, as: UInt64.self))
        let slotsOffset = (40 + headerLength + 7) & ~7
        guard slotCount > 0, headerLength < size, slotsOffset + slotCount * 8 == size else { return nil }
        let header = String(decoding: UnsafeRawBufferPointer(start: raw + 40, count: headerLength), as: UTF8.self)
        return (header, tokens, slotCount, slotsOffset)
    }

    /// The slot an n-gram key hashes to (Lemire's multiply-shift range reduction).
    @inline(__always)
    static func home(_ key: UInt64, slotCount: Int) -> Int {
        Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(slotCount)).high)
    }

    /// The stored form of a key: its top 56 bits, never all zero (zero marks an empty slot).
    @inline(__always)
    static func fingerprint(_ key: UInt64) -> UInt64 {
        let top = key & ~0xFF
        return top == 0 ? 0x100 : top
    }

    /// The count of an n-gram key, 0 when unseen.
    @inline(__always)
    func count(_ key: UInt64) -> Double {
        let wanted = LanguageModel.fingerprint(key)
        var index = LanguageModel.home(key, slotCount: slotCount)
        while true {
            let slot = slots[index]
            if slot == 0 { return 0 }
            if slot & ~0xFF == wanted { return CountQuantizer.decoded[Int(slot & 0xFF)] }
            index += 1
            if index == slotCount { index = 0 }
        }
    }

    /// The natural log score of `token` after `before2 before1` (before the text: line breaks).
    func logScore(_ token: UInt64, after before1: UInt64, _ before2: UInt64) -> Double {
        var context = LMContext(before2: before2, before1: before1, count: LMContext.unknown)
        return score(token, &context)
    }

    /// The natural log score of `token` in `context`, which then moves on past it. A trigram is
    /// counted only with its context bigram, so a context known to be unseen skips the trigram's
    /// probe, and a context count read one step earlier is not read again: on a sparse model
    /// most lookups are cache misses, and this saves about one in three.
    @inline(__always)
    func score(_ token: UInt64, _ context: inout LMContext) -> Double {
        let result: Double
        let next: Double
        let contextKey = LanguageModel.bigramKey(context.before2, context.before1)
        let trigram = context.count == 0 ? 0 : count(LMHash.extend(contextKey, token))
        if trigram > 0 {
            let contextCount = context.count > 0 ? context.count : count(contextKey)
            result = log(trigram / max(contextCount, trigram))
            next = LMContext.seen
        } else {
            let pair = count(LanguageModel.bigramKey(context.before1, token))
            result = pair > 0 ? -0.916 + log(pair / max(count(context.before1), pair)) : -1.833 + log(max(count(token), 0.5)) - logTotal
            next = pair
        }
        context = LMContext(before2: context.before1, before1: token, count: next)
        return result
    }

    @inline(__always)
    static func bigramKey(_ first: UInt64, _ second: UInt64) -> UInt64 { LMHash.extend(first, second) }
}

/// The two tokens a score is conditioned on, and what is known of their bigram's count.
struct LMContext: Sendable {
    /// The bigram is counted, its count not read.
    static let seen = -1.0
    /// Nothing is known of the bigram.
    static let unknown = -2.0

    var before2 = LMTokenizer.breakHash
    var before1 = LMTokenizer.breakHash
    /// The count of `before2 before1`: above 0 as read, 0 when never seen, or `seen`, `unknown`.
    /// A text's opening context is counted by `LanguageModelBuilder`.
    var count = LMContext.seen

    /// The context after `token`, when its bigram's count was not looked at.
    mutating func append(_ token: UInt64) {
        self = LMContext(before2: before1, before1: token, count: LMContext.unknown)
    }
}

/// Why a language model file could not be loaded.
public struct LanguageModelError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Counts in a byte: exact to 64, then steps of 8% (to about 1.5e8); 0 is never stored.
enum CountQuantizer {
    static let decoded: [Double] = (0..<256).map { code in code <= 64 ? Double(code) : 64 * pow(1.08, Double(code - 64)) }

    static func code(_ count: UInt64) -> UInt64 {
        if count <= 64 { return count }
        return UInt64(min(255, 64 + (log(Double(count) / 64) / log(1.08)).rounded()))
    }
}
