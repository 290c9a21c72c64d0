import Dispatch

/// The built-in per-document stages, in the order a pipeline runs them.
public enum StageKind: String, Sendable, CaseIterable, StageRecipe {
    case normalize
    case strip
    case repair

    public var name: String { rawValue }

    /// Builds the stage with the rules in `rules`.
    public func makeStage(rules: RuleBook) throws(PipelineError) -> any Stage {
        switch self {
        case .normalize: return NormalizeStage()
        case .repair:
            do {
                return try RepairStage(book: rules)
            } catch let error as RuleError {
                throw .rules(error)
            } catch {
                throw .icu("\(error)")
            }
        case .strip:
            do {
                return try StripStage(book: rules)
            } catch {
                throw .rules(error)
            }
        }
    }
}

/// Why a pipeline cannot be built.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    case rules(RuleError)
    case icu(String)
    /// A recipe of the user's could not build its stage.
    case stage(name: String, reason: String)

    public var isRuleError: Bool {
        if case .rules = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .rules(let error): error.description
        case .icu(let message): message
        case .stage(let name, let reason): "cannot build stage \(name): \(reason)"
        }
    }
}

/// Stages run one after another over each document. A pipeline is built once per thread
/// (its stages hold ICU iterators); `BatchRunner` builds one per worker.
public final class Pipeline {
    public let stages: [any Stage]

    public init(stages: [any Stage]) {
        self.stages = stages
    }

    /// Builds a stage from each recipe with the rules in `rules`.
    public convenience init(_ recipes: [any StageRecipe], rules: RuleBook = RuleBook()) throws(PipelineError) {
        var stages: [any Stage] = []
        for recipe in recipes {
            do {
                stages.append(try recipe.makeStage(rules: rules))
            } catch let error as PipelineError {
                throw error
            } catch let error as RuleError {
                throw .rules(error)
            } catch {
                throw .stage(name: recipe.name, reason: "\(error)")
            }
        }
        self.init(stages: stages)
    }

    /// Builds the built-in stages named, in order: `Pipeline([.normalize, .strip])`.
    public convenience init(_ kinds: [StageKind], rules: RuleBook = RuleBook()) throws(PipelineError) {
        try self.init(kinds.map { $0 as any StageRecipe }, rules: rules)
    }

    /// Runs every stage; a stage that cannot handle the document rejects it.
    public func process(_ document: Document) -> Result<Document, StageError> {
        var document = document
        for stage in stages {
            do {
                try stage.process(&document)
            } catch {
                return .failure(StageError("\(stage.name): \(error.reason)"))
            }
        }
        return .success(document)
    }
}
