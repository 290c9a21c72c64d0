import Foundation

/// Rule files parsed once per process. Every worker thread builds its own stages (they hold ICU
/// handles and scratch buffers), but the parsed rules are the same for all of them, and parsing
/// is most of a stage's start-up: 7,600 phrase rules took 0.6 s per worker, one worker after
/// another. A file is parsed again only when its size or modification time changed.
enum RuleCache {
    /// A file as it stands: parsed again once its size or modification time changes.
    private struct Stamp: Hashable {
        var path: String
        var size: Int
        var modified: Double

        init(_ path: String) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            self.path = path
            size = (attributes?[.size] as? Int) ?? -1
            modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        }
    }

    private struct Key: Hashable {
        var files: [Stamp]
        /// Tells apart what is built from the same files (a file's rules, a matcher over several).
        var product: String
    }

    private final class Store: @unchecked Sendable {
        // Recursive: building one entry may load others (a matcher reads its rule files).
        let lock = NSRecursiveLock()
        var entries: [Key: any Sendable] = [:]
    }

    private static let store = Store()

    /// The parsed contents of `path`, parsed by `parse` the first time (other threads asking for
    /// the same file meanwhile wait for that parse instead of repeating it).
    static func load<Parsed: Sendable>(_ path: String, _ parse: (String) throws(RuleError) -> Parsed) throws(RuleError) -> Parsed {
        try cached(Key(files: [Stamp(path)], product: "\(Parsed.self)")) { () throws(RuleError) in try parse(path) }
    }

    /// What `build` makes from the files at `paths` (e.g. one matcher over several rule files),
    /// built once while none of them changes.
    static func load<Built: Sendable>(_ paths: [String], product: String, _ build: () throws(RuleError) -> Built) throws(RuleError) -> Built {
        try cached(Key(files: paths.map(Stamp.init), product: product), build)
    }

    private static func cached<Value: Sendable>(_ key: Key, _ make: () throws(RuleError) -> Value) throws(RuleError) -> Value {
        store.lock.lock()
        defer { store.lock.unlock() }
        if let value = store.entries[key] as? Value { return value }
        let value = try make()
        store.entries[key] = value
        return value
    }
}
