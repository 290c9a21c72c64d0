import Foundation
import UnspunRules

/// Where rule files live: a folder laid out like the repository's `Rules/`, one subfolder per
/// language (`Rules/en/...`).
public struct RuleBook: Sendable {
    public var directory: String?
    public var language: String
    /// Optional phrase packs to load beside `spin.rules`, e.g. `science` for `science.rules`.
    public var packs: [String]
    /// Whether strip judges lines with the classifier (`lines.model`); without it, the rules alone.
    public var classifier: Bool
    /// Whether strip reads the page's title, authors and dates from the text (off by default).
    public var pageMetadata = false
    /// The kind of text strip is given; nil: the line model tells a whole page from an extract.
    public var inputKind: LineModel.Kind?
    /// Line counts from a `clean` run (`line-counts.tsv`): strip also removes the lines they say repeat.
    public var lineCounts: LineCounts?
    /// The spin restorer's language model: nil or "none" for no restorer, "default" for the
    /// language folder's `news.lm`, or a model file's path.
    public var languageModel: String?
    /// The restorer's inverse thesaurus: nil for the language folder's `thesaurus.tsv`, or a
    /// table's path (`Rules/tools/make_thesaurus.py --sources`).
    public var thesaurus: String?
    /// The restorer's thresholds (margin and spun-document density).
    public var restorerSettings = SpinRestorer.Settings()

    public init(directory: String? = nil, language: String = "en", packs: [String] = [], classifier: Bool = true) {
        self.directory = directory
        self.language = language
        self.packs = packs
        self.classifier = classifier
    }

    /// The strip stage's rules (`strip.rules`).
    @_spi(Rules) public func stripRules() throws(RuleError) -> [StripRule] {
        guard let path = file("strip") else {
            throw RuleError(file: "\(languageDirectory() ?? directory ?? "<no rules folder>")/strip.rules", line: 0, message: "rule file not found")
        }
        return try RuleCache.load(path) { path throws(RuleError) in try StripRule.load(path: path) }
    }

    /// The line classifier (`lines.model`), or nil when `classifier` is off. A missing model is an
    /// error: strip without it removes far less, and must not do so without a word.
    public func lineModel() throws(RuleError) -> LineModel? {
        guard classifier else { return nil }
        let folder = languageDirectory() ?? directory ?? "<no rules folder>"
        let path = URL(fileURLWithPath: folder).appendingPathComponent("lines.model").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw RuleError(file: path, line: 0, message: "the line classifier is missing; restore it, or pass --no-classifier to strip with the rules alone")
        }
        return try RuleCache.load(path) { path throws(RuleError) in try LineModel(path: path) }
    }

    /// The repair stage's phrase rules: `spin.rules` and the chosen packs.
    @_spi(Rules) public func phraseRules() throws(RuleError) -> [PhraseRule] {
        var rules: [PhraseRule] = []
        for name in ["spin"] + packs {
            guard let path = file(name) else {
                throw RuleError(file: "\(languageDirectory() ?? directory ?? "<no rules folder>")/\(name).rules", line: 0, message: "rule file not found")
            }
            rules.append(contentsOf: try RuleCache.load(path) { path throws(RuleError) in try PhraseRule.load(path: path, name: name) })
        }
        return rules
    }

    /// The phrase rules compiled into one matcher, built once per run whatever the number of
    /// workers (`breaker` tokenizes the phrases; the matcher does not keep it).
    func phraseMatcher(breaker: WordBreaker) throws(RuleError) -> PhraseMatcher {
        let paths = (["spin"] + packs).compactMap(file)
        // The files' stamps are taken before the rules are read, so an edit in between rebuilds.
        return try RuleCache.load(paths, product: "PhraseMatcher/\(language)") { () throws(RuleError) in
            PhraseMatcher(rules: try phraseRules(), breaker: breaker)
        }
    }

    /// The rules folder to use when none is given: `$UNSPUN_RULES` when it is set (and nothing
    /// else, so that a mistyped one is an error, not a quiet fallback), else `share/unspun/Rules`
    /// beside an installed binary, then the resource bundle SwiftPM put beside the executable.
    public static func locateDefault(executablePath: String = runningExecutable) -> String? {
        var isDirectory: ObjCBool = false
        return defaultCandidates(executablePath: executablePath).first {
            FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// The running program's file: not `argv[0]`, which is only the name typed when the shell
    /// found the program on the PATH.
    public static var runningExecutable: String { Bundle.main.executablePath ?? CommandLine.arguments.first ?? "" }

    /// Where `locateDefault` looks, in order.
    public static func defaultCandidates(executablePath: String = runningExecutable) -> [String] {
        if let fromEnvironment = ProcessInfo.processInfo.environment["UNSPUN_RULES"], !fromEnvironment.isEmpty {
            return [fromEnvironment]
        }
        var candidates: [String] = []
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent("../share/unspun/Rules").standardized.path)
        if let bundled = RulesBundle.directory(besideExecutable: executable.path) { candidates.append(bundled) }
        return candidates
    }
}
