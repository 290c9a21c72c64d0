import Foundation

extension RuleBook {
    /// The default model's file name in a language folder.
    public static let defaultModelName = "news.lm"

    /// The statistical spin restorer: the language folder's `thesaurus.tsv` with the model at
    /// `languageModel` (a path; "none" turns the restorer off) or the folder's `news.lm`; nil
    /// when either file is missing. Loaded once per process and shared by every worker.
    public func spinRestorer() throws(RuleError) -> SpinRestorer? {
        guard languageModel != "none", let folder = languageDirectory() else { return nil }
        let thesaurus = URL(fileURLWithPath: folder).appendingPathComponent("thesaurus.tsv").path
        let model = languageModel ?? URL(fileURLWithPath: folder).appendingPathComponent(RuleBook.defaultModelName).path
        guard FileManager.default.fileExists(atPath: thesaurus) else { return nil }
        guard FileManager.default.fileExists(atPath: model) else {
            if languageModel != nil { throw RuleError(file: model, line: 0, message: "language model not found") }
            return nil
        }
        return try RestorerCache.shared.restorer(thesaurus: thesaurus, model: model, settings: restorerSettings)
    }
}

/// One restorer per pair of files for the whole process: workers share its mapping and table.
final class RestorerCache: @unchecked Sendable {
    static let shared = RestorerCache()
    private let lock = NSLock()
    private var loaded: [String: SpinRestorer] = [:]

    func restorer(thesaurus: String, model: String, settings: SpinRestorer.Settings) throws(RuleError) -> SpinRestorer {
        lock.lock()
        defer { lock.unlock() }
        let key = "\(thesaurus)\u{0}\(model)\u{0}\(settings)"
        if let restorer = loaded[key] { return restorer }
        let languageModel: LanguageModel
        do {
            languageModel = try LanguageModel(path: model)
        } catch {
            throw RuleError(file: error.path, line: 0, message: error.message)
        }
        let restorer = SpinRestorer(model: languageModel, thesaurus: try Thesaurus(path: thesaurus), settings: settings)
        loaded[key] = restorer
        return restorer
    }
}
