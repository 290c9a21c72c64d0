import Foundation

/// Strip's line classifier: the lines no rule decided, judged by the line model in their context.
extension StripStage {
    /// Classifies the lines no rule took, again and again until a pass removes nothing: a line's
    /// features and smoothing depend on the lines around it, so removing a line can tip its
    /// neighbour (a list of tags is eaten from its end, one "last line" at a time). Settling here
    /// costs one feature pass per step instead of one round of the whole stage. Each pass removes
    /// a line or ends the loop; the work is capped so that adversarial input stays linear, and
    /// the rounds go on where the cap stops. A page decoded as one block (`bestBlock`) takes
    /// one pass a round.
    func classify(
        _ bytes: UnsafeBufferPointer<UInt8>, _ lines: inout [LineState], _ allMeasures: [LineFeatures.Measure], id: String, passes: inout Int,
        kind: LineModel.Kind
    ) {
        guard model != nil || featureSink != nil else { return }
        let model = model?.weights(for: kind)
        var open = lines.indices.filter { lines[$0].removedBy == nil }
        let maximumPasses = max(Self.minimumPassesPerRound, Self.lineBudgetPerRound / max(open.count, 1))
        let allScores = model.map { model in allMeasures.map(model.cueScores) } ?? []
        var vector = [Double](repeating: 0, count: LineFeatures.count)
        var extras = [Double](repeating: 0, count: LineFeatures.extraCount)
        var logits: [Double] = []
        for step in 0..<maximumPasses where !open.isEmpty {
            let measures = open.map { allMeasures[$0] }
            let context = LineFeatures.Context(measures)
            if let featureSink {
                for position in measures.indices {
                    LineFeatures.fill(&vector, measures, position, context: context)
                    featureSink(id, passes, Self.text(bytes, lines[open[position]].range), vector)
                }
            }
            passes += 1
            guard let model else { return }
            let scores = open.map { allScores[$0] }
            logits.removeAll(keepingCapacity: true)
            extras.withUnsafeMutableBufferPointer { extras in
                for position in measures.indices {
                    logits.append(model.logit(scores, measures, position, context: context, extras: extras.baseAddress!))
                }
            }
            var kept: [Int] = []
            kept.reserveCapacity(open.count)
            let probabilities = model.probabilities(logits)
            // A page read as one block is decided in the round's first pass, and the round ends
            // there: later passes would judge the article alone with the page weights (the kind
            // was read off the whole page) and eat it from its ends. The next round judges the
            // kind again on what is left, as a second run would.
            let block = step == 0 ? model.bestBlock(probabilities, measures) : nil
            for (position, probability) in probabilities.enumerated() {
                if model.removes(position, probability, measures[position], density: context.density[position], block: block) {
                    lines[open[position]].removedBy = ("strip:classifier", "other")
                } else {
                    kept.append(open[position])
                }
            }
            if kept.count == open.count || block != nil { return }
            open = kept
        }
    }

    /// Classifier passes a round may make: at least this many, and more while a pass costs
    /// little (passes × lines stays under the budget).
    private static let minimumPassesPerRound = 16
    private static let lineBudgetPerRound = 1 << 18
}
