import Foundation

/// The line classifier: logistic regression over `LineFeatures`, then context smoothing (a line's
/// score is blended with its neighbours'). Weights live in `Rules/<lang>/lines.model`, a readable
/// file written by `Rules/tools/train_line_classifier.py`.
///
///     feature: words_4_6 -0.81
///     smooth: self 1.0          smooth: neighbours 0.4          smooth: bias 0.1
///     threshold: 0.5            a line whose smoothed probability is below it is removed
public struct LineModel: Sendable {
    var weights: [Double]
    var smoothSelf = 1.0
    var smoothNeighbours = 0.0
    var smoothBias = 0.0
    public var threshold = 0.5

    init(path: String) throws(RuleError) {
        try self.init(file: try RuleFile(path: path))
    }

    init(path: String, text: String) throws(RuleError) {
        try self.init(file: try RuleFile(path: path, text: text))
    }

    private init(file: RuleFile) throws(RuleError) {
        weights = Array(repeating: 0, count: LineFeatures.count)
        var seen = Set<String>()
        for entry in file.blocks.flatMap(\.entries) {
            let parts = entry.value.split(separator: " ")
            switch entry.key {
            case "feature", "smooth":
                guard parts.count == 2, let value = Double(parts[1]) else { throw file.error(entry.line, "expected '\(entry.key): NAME NUMBER'") }
                let name = String(parts[0])
                if entry.key == "smooth" {
                    switch name {
                    case "self": smoothSelf = value
                    case "neighbours": smoothNeighbours = value
                    case "bias": smoothBias = value
                    default: throw file.error(entry.line, "unknown smoothing weight '\(name)' (self, neighbours, bias)")
                    }
                } else {
                    guard let index = LineFeatures.names.firstIndex(of: name) else { throw file.error(entry.line, "unknown feature '\(name)'") }
                    weights[index] = value
                    seen.insert(name)
                }
            case "threshold":
                guard parts.count == 1, let value = Double(parts[0]), value > 0, value < 1 else { throw file.error(entry.line, "threshold is a number between 0 and 1") }
                threshold = value
            case "trained", "note":
                continue
            default:
                throw file.error(entry.line, "unknown key '\(entry.key)' in a line model")
            }
        }
        if let missing = LineFeatures.names.first(where: { !seen.contains($0) }) {
            throw file.error(0, "no weight for feature '\(missing)' (retrain the model)")
        }
    }

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
    func logit(_ scores: [CueScores], _ lines: [LineFeatures.Measure], _ index: Int, context: LineFeatures.Context,
        extras: UnsafeMutablePointer<Double>) -> Double
    {
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
}
