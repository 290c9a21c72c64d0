import Foundation

extension RuleBook {
    /// The default model's file name in a language folder.
    public static let defaultModelName = "news.lm"

    /// The statistical spin restorer, when `languageModel` asks for one: `thesaurus` (or the
    /// language folder's `thesaurus.tsv`) with the model at that path, or the folder's `news.lm`
    /// for "default". Off by default: it runs at about a fifth of the phrase rules' speed. The
    /// model and the thesaurus are loaded once per process (`RuleCache`) and shared by every worker.
    public func spinRestorer() throws(RuleError) -> SpinRestorer? {
        guard let languageModel, languageModel != "none" else { return nil }
        let folder = languageDirectory() ?? directory ?? "<no rules folder>"
        let thesaurus = self.thesaurus ?? URL(fileURLWithPath: folder).appendingPathComponent("thesaurus.tsv").path
        let model = languageModel == "default" ? URL(fileURLWithPath: folder).appendingPathComponent(RuleBook.defaultModelName).path : languageModel
        for path in [thesaurus, model] where !FileManager.default.fileExists(atPath: path) {
            throw RuleError(file: path, line: 0, message: "the spin restorer needs this file (make thesaurus / make news-lm, or unspun lm build)")
        }
        let loadedModel = try RuleCache.load(model) { path throws(RuleError) in
            do throws(LanguageModelError) {
                return try LanguageModel(path: path)
            } catch {
                throw RuleError(file: error.path, line: 0, message: error.message)
            }
        }
        let table = try RuleCache.load(thesaurus) { path throws(RuleError) in try Thesaurus(path: path) }
        return SpinRestorer(model: loadedModel, thesaurus: table, settings: restorerSettings)
    }
}
