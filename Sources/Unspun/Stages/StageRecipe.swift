/// What a stage is, apart from the object that runs it. A recipe is a `Sendable` value (the
/// stage's options); each worker gets its own stage built from it, used by one thread at a time,
/// since stages hold ICU handles and scratch buffers. `Pipeline`, `BatchRunner` and `DumpCleaner` take recipes, so a
/// stage of your own enters `clean` the way the built-in ones do.
public protocol StageRecipe: Sendable {
    /// Names the recipe in errors and, by default, in the resume fingerprint (edits and rejects
    /// carry the built stage's `Stage.name`).
    var name: String { get }
    /// What `clean --resume` must find unchanged, beside the run's rule book (default: the name).
    var fingerprint: String { get }
    /// Builds the stage for one worker. `rules` is the run's rule book; rule files are
    /// parsed once per process however many threads ask.
    func makeStage(rules: RuleBook) throws -> any Stage
}

extension StageRecipe {
    public var fingerprint: String { name }
}

/// A recipe from a closure, for a stage of your own:
/// `CustomStage(name: "lowercase") { _ in LowercaseStage() }`.
public struct CustomStage: StageRecipe {
    public let name: String
    public let fingerprint: String
    private let make: @Sendable (RuleBook) throws -> any Stage

    /// `fingerprint` should change whenever the stage's output would (default: the name).
    public init(name: String, fingerprint: String? = nil, _ make: @escaping @Sendable (RuleBook) throws -> any Stage) {
        self.name = name
        self.fingerprint = fingerprint ?? name
        self.make = make
    }

    public func makeStage(rules: RuleBook) throws -> any Stage { try make(rules) }
}
