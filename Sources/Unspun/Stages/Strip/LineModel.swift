import Foundation

/// The line classifier: logistic regression over `LineFeatures`, then context smoothing (a line's
/// score is blended with its neighbours'). A whole page and an extractor's output differ (one is
/// mostly page furniture, the other mostly article with a little residue), so the model holds one
/// set of weights for each kind of input and a detector that tells the kinds apart from the text.
/// Weights live in `Rules/<lang>/lines.model`, a readable file written by
/// `Rules/tools/train_line_classifier.py`:
///
///     detector: short_share 6.1     the detector's weights (log-odds that the text is a whole page)
///     model: page                   the entries below belong to the page weights
///     feature: words_4_6 -0.81
///     smooth: self 1.0          smooth: neighbours 0.4          smooth: bias 0.1
///     threshold: 0.5            a line whose smoothed probability is below it is removed
///     strong-threshold: 0.1     ... or below this, for a sentence among prose ("when unsure, keep")
///     block-threshold: 0.4      pages: keep only the best block of lines (`BlockDecoding.swift`)
///     block-floor: 0.1          ... and, inside it, the lines of at least this probability
///
/// A file without `model:` lines gives one set of weights for both kinds.
public struct LineModel: Sendable {
    /// What kind of text strip is given: a whole page (menus, footers and all) or an extractor's output.
    public enum Kind: String, Sendable, CaseIterable {
        case page, extract
    }

    /// The weights for one kind of input.
    struct Weights: Sendable {
        var weights = [Double](repeating: 0, count: LineFeatures.count)
        var smoothSelf = 1.0
        var smoothNeighbours = 0.0
        var smoothBias = 0.0
        var threshold = 0.5
        /// A sentence-like line in a dense window goes only below this probability.
        var strongThreshold = 0.5
        /// When set, the article is read as one block of lines (`bestBlock`); nil: line by line.
        var blockThreshold: Double?
        /// Inside the block, a line goes only below this probability.
        var blockFloor = 0.1
    }

    private var sets: [Weights]
    /// Log-odds that a text is a whole page, over `LineFeatures.documentNames`.
    private var detector = [Double](repeating: 0, count: LineFeatures.documentNames.count)

    init(path: String) throws(RuleError) {
        try self.init(file: try RuleFile(path: path))
    }

    init(path: String, text: String) throws(RuleError) {
        try self.init(file: try RuleFile(path: path, text: text))
    }

    private init(file: RuleFile) throws(RuleError) {
        var sets = [Weights](repeating: Weights(), count: Kind.allCases.count)
        var seen = [Set<String>](repeating: [], count: sets.count)
        var current: [Int] = Array(sets.indices)
        for entry in file.blocks.flatMap(\.entries) {
            let parts = entry.value.split(separator: " ")
            func number(_ name: String) throws(RuleError) -> Double {
                guard parts.count == 2, let value = Double(parts[1]) else { throw file.error(entry.line, "expected '\(name): NAME NUMBER'") }
                return value
            }
            switch entry.key {
            case "model":
                guard let kind = Kind(rawValue: entry.value) else { throw file.error(entry.line, "unknown model kind '\(entry.value)' (page, extract)") }
                current = [Kind.allCases.firstIndex(of: kind)!]
            case "detector":
                let value = try number(entry.key)
                guard let index = LineFeatures.documentNames.firstIndex(of: String(parts[0])) else {
                    throw file.error(entry.line, "unknown detector feature '\(parts[0])'")
                }
                detector[index] = value
            case "smooth":
                let value = try number(entry.key)
                for set in current {
                    switch parts[0] {
                    case "self": sets[set].smoothSelf = value
                    case "neighbours": sets[set].smoothNeighbours = value
                    case "bias": sets[set].smoothBias = value
                    default: throw file.error(entry.line, "unknown smoothing weight '\(parts[0])' (self, neighbours, bias)")
                    }
                }
            case "feature":
                let value = try number(entry.key)
                guard let index = LineFeatures.names.firstIndex(of: String(parts[0])) else { throw file.error(entry.line, "unknown feature '\(parts[0])'") }
                for set in current {
                    sets[set].weights[index] = value
                    seen[set].insert(String(parts[0]))
                }
            case "threshold", "strong-threshold", "block-threshold", "block-floor":
                guard parts.count == 1, let value = Double(parts[0]), value > 0, value < 1 else { throw file.error(entry.line, "\(entry.key) is a number between 0 and 1") }
                for set in current {
                    switch entry.key {
                    case "threshold": sets[set].threshold = value
                    case "strong-threshold": sets[set].strongThreshold = value
                    case "block-threshold": sets[set].blockThreshold = value
                    default: sets[set].blockFloor = value
                    }
                }
            case "trained", "note":
                continue
            default:
                throw file.error(entry.line, "unknown key '\(entry.key)' in a line model")
            }
        }
        for (set, names) in seen.enumerated() {
            if let missing = LineFeatures.names.first(where: { !names.contains($0) }) {
                throw file.error(0, "no weight for feature '\(missing)' in the \(Kind.allCases[set].rawValue) model (retrain the model)")
            }
        }
        self.sets = sets
    }

    /// The kind of text whose lines are `measures` (the whole input, before any line is removed).
    func kind(of measures: [LineFeatures.Measure]) -> Kind {
        let cues = LineFeatures.documentCues(measures)
        let logit = zip(detector, cues).reduce(0) { $0 + $1.0 * $1.1 }
        return logit > 0 ? .page : .extract
    }

    func weights(for kind: Kind) -> Weights { sets[Kind.allCases.firstIndex(of: kind)!] }
}

extension LineModel.Weights {
    /// What a line's cues add to a logit: as the line itself, and as the line before or after
    /// another. The model is linear, so these are computed once per line and every classifier
    /// pass adds them up with the features that depend on where the line stands.
    struct CueScores {
        var own = 0.0, asPrevious = 0.0, asNext = 0.0
    }

    func cueScores(_ measure: LineFeatures.Measure) -> CueScores {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: LineFeatures.cueCount) { buffer in
            let cues = buffer.baseAddress!
            LineFeatures.writeCues(measure, to: cues)
            var scores = CueScores()
            for k in 0..<LineFeatures.cueCount {
                scores.own += weights[LineFeatures.ownCues + k] * cues[k]
                scores.asPrevious += weights[LineFeatures.previousCues + k] * cues[k]
                scores.asNext += weights[LineFeatures.nextCues + k] * cues[k]
            }
            return scores
        }
    }

    /// The first-pass score (log-odds) of line `index` among `lines`, whose cue scores are
    /// `scores`; `extras` is scratch space for `LineFeatures.extraCount` values.
    func logit(
        _ scores: [CueScores], _ lines: [LineFeatures.Measure], _ index: Int, context: LineFeatures.Context,
        extras: UnsafeMutablePointer<Double>
    ) -> Double {
        LineFeatures.writeExtras(lines, index, context: context, to: extras)
        var sum = weights[0] + scores[index].own
        for k in 0..<LineFeatures.extraCount { sum += weights[LineFeatures.extras + k] * extras[k] }
        sum += index > 0 ? scores[index - 1].asPrevious : weights[LineFeatures.previousCues + LineFeatures.cueCount]
        sum += index + 1 < lines.count ? scores[index + 1].asNext : weights[LineFeatures.nextCues + LineFeatures.cueCount]
        return sum
    }

    /// Probabilities that each line belongs to the article, after smoothing over neighbours.
    func probabilities(_ logits: [Double]) -> [Double] {
        logits.indices.map { index in
            var neighbours = 0.0
            var count = 0.0
            for offset in [-2, -1, 1, 2] where logits.indices.contains(index + offset) {
                neighbours += logits[index + offset]
                count += 1
            }
            let blended = smoothBias + smoothSelf * logits[index] + smoothNeighbours * (count > 0 ? neighbours / count : 0)
            return 1 / (1 + exp(-blended))
        }
    }

    /// Whether a line of probability `probability` goes: below the threshold, or, for a sentence
    /// among prose, below the strong threshold.
    func removes(_ probability: Double, _ line: LineFeatures.Measure, density: Double) -> Bool {
        probability < (line.isSentenceLike && density >= 0.5 ? min(threshold, strongThreshold) : threshold)
    }
}
