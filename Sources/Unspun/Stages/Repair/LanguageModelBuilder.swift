import Foundation

/// Counts the unigrams, bigrams and trigrams of clean text and writes them as a `LanguageModel`
/// file. Each text starts after two line breaks, as the scorer assumes; all counts stay in
/// memory until `write` (about 60 bytes per distinct n-gram).
public struct LanguageModelBuilder {
    public private(set) var documents = 0
    public private(set) var tokens: UInt64 = 0
    private var counts: [UInt64: UInt32] = [:]
    /// Occupied share of the table's slots: linear probing stays at a slot or two.
    static let loadFactor = 0.7

    public init() {}

    public var distinctNgrams: Int { counts.count }

    public mutating func add(_ text: String) {
        var copy = text
        let hashes = copy.withUTF8 { LMTokenizer.tokens(in: $0).map(\.hash) }
        documents += 1
        tokens += UInt64(hashes.count)
        var before2 = LMTokenizer.breakHash
        var before1 = LMTokenizer.breakHash
        for token in hashes {
            counts[token, default: 0] &+= 1
            let context = LanguageModel.bigramKey(before2, before1)
            counts[LanguageModel.bigramKey(before1, token), default: 0] &+= 1
            counts[LMHash.extend(context, token), default: 0] &+= 1
            before2 = before1
            before1 = token
        }
        // The text's opening context, counted so that its first trigram has a denominator.
        counts[LanguageModel.bigramKey(LMTokenizer.breakHash, LMTokenizer.breakHash), default: 0] &+= 1
    }

    /// The model file's bytes: magic, version, slot count, token count, header, slots.
    public func fileBytes(header: String) -> [UInt8] {
        let slotCount = max(16, Int((Double(counts.count) / Self.loadFactor).rounded(.up)))
        var slots = [UInt64](repeating: 0, count: slotCount)
        for (key, count) in counts.sorted(by: { $0.key < $1.key }) {
            var index = LanguageModel.home(key, slotCount: slotCount)
            while slots[index] != 0 { index = index + 1 == slotCount ? 0 : index + 1 }
            slots[index] = LanguageModel.fingerprint(key) | CountQuantizer.code(UInt64(count))
        }
        var bytes = LanguageModel.magic
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        append(LanguageModel.version)
        append(UInt32(3))
        append(UInt64(slotCount))
        append(tokens)
        let headerBytes = Array(header.utf8)
        append(UInt64(headerBytes.count))
        bytes.append(contentsOf: headerBytes)
        while bytes.count % 8 != 0 { bytes.append(0) }
        bytes.reserveCapacity(bytes.count + slotCount * 8)
        for slot in slots { append(slot) }
        return bytes
    }

    public func write(to path: String, header: String) throws {
        try Data(fileBytes(header: header)).write(to: URL(fileURLWithPath: path))
    }
}
