import Foundation

extension RuleBook {
    /// The folder of one language's rules, if it exists.
    public func languageDirectory(_ language: String? = nil) -> String? {
        guard let directory else { return nil }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(language ?? self.language).path
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? path : nil
    }

    /// The path of a rule file of the current language, e.g. `file("spin")` -> `Rules/en/spin.rules`.
    public func file(_ name: String) -> String? {
        guard let folder = languageDirectory() else { return nil }
        let path = URL(fileURLWithPath: folder).appendingPathComponent("\(name).rules").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The language subfolders of the rules folder.
    public func languageFolders() -> [String] {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { languageDirectory($0) != nil && $0 != "tools" }.sorted()
    }

    /// Every `.rules` file under the rules folder, all languages, sorted.
    public func allRuleFiles() -> [String] {
        guard let directory, let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".rules") { files.append(URL(fileURLWithPath: directory).appendingPathComponent(relative).path) }
        }
        return files.sorted()
    }

    /// Each file of each language folder (`en/spin.rules`, `en/news.lm`, ...) with a short
    /// fingerprint of its bytes (64-bit FNV-1a folded to 32 bits, in hex): rule packs carry no version numbers of
    /// their own, so this is what tells two installations' rules apart in a bug report.
    public func fileFingerprints() -> [(file: String, fingerprint: String)] {
        guard let directory else { return [] }
        var prints: [(file: String, fingerprint: String)] = []
        for language in languageFolders() {
            let folder = URL(fileURLWithPath: directory).appendingPathComponent(language)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() {
                guard let fingerprint = RuleBook.fingerprint(ofFile: folder.appendingPathComponent(name).path) else { continue }
                prints.append(("\(language)/\(name)", fingerprint))
            }
        }
        return prints
    }

    /// A file's FNV-1a fingerprint (eight hex digits), or nil when it cannot be read.
    static func fingerprint(ofFile path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let hash = data.withUnsafeBytes { bytes in bytes.reduce(FNV1a.basis) { FNV1a.feed($0, UInt64($1)) } }
        return String(format: "%08x", UInt32(truncatingIfNeeded: hash ^ (hash >> 32)))
    }
}
