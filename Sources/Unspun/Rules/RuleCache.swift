import Foundation

/// Rule files parsed once per process. Every worker thread builds its own stages (they hold ICU
/// handles and scratch buffers), but the parsed rules are the same for all of them, and parsing
/// is most of a stage's start-up: 7,600 phrase rules took 0.6 s per worker, one worker after
/// another. A file is parsed again only when its size or modification time changed.
enum RuleCache {
    private struct Key: Hashable {
        var path: String
        var size: Int
        var modified: Double
    }

    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var entries: [Key: any Sendable] = [:]
    }

    private static let store = Store()

    /// The parsed contents of `path`, parsed by `parse` the first time (other threads asking for
    /// the same file meanwhile wait for that parse instead of repeating it).
    static func load<Parsed: Sendable>(_ path: String, _ parse: (String) throws(RuleError) -> Parsed) throws(RuleError) -> Parsed {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let key = Key(
            path: path, size: (attributes?[.size] as? Int) ?? -1,
            modified: (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
        store.lock.lock()
        defer { store.lock.unlock() }
        if let cached = store.entries[key] as? Parsed { return cached }
        let parsed = try parse(path)
        store.entries[key] = parsed
        return parsed
    }
}
