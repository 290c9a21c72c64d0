import Dispatch

/// The per-document stages, in the order a pipeline runs them.
public enum StageKind: String, Sendable, CaseIterable {
    case normalize
    case strip
    case repair

    /// Builds the stage with its rules.
    func makeStage(rules: RuleBook) throws(PipelineError) -> any Stage {
        switch self {
        case .normalize: return NormalizeStage()
        case .repair:
            do {
                return try RepairStage(rules: try rules.phraseRules(), restorer: try rules.spinRestorer())
            } catch let error as RuleError {
                throw .rules(error)
            } catch {
                throw .icu("\(error)")
            }
        case .strip:
            do {
                return try StripStage(
                    rules: try rules.stripRules(), model: try rules.lineModel(), readsPageMetadata: rules.pageMetadata, inputKind: rules.inputKind,
                    lineCounts: rules.lineCounts)
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

    public var isRuleError: Bool {
        if case .rules = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .rules(let error): error.description
        case .icu(let message): message
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

    /// Builds the named stages with the rules in `rules`.
    public convenience init(_ kinds: [StageKind], rules: RuleBook = RuleBook()) throws(PipelineError) {
        var stages: [any Stage] = []
        for kind in kinds { stages.append(try kind.makeStage(rules: rules)) }
        self.init(stages: stages)
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
