import Foundation

/// Block decoding for whole pages: a page's article is one stretch of lines between the header
/// and the footer, and line-by-line decisions keep stray menu items, related headlines and footer
/// sentences that happen to score well. The article is read as the one run of lines whose
/// evidence, sum of (p - `blockThreshold`) × sqrt(words) over the run, is largest (Kadane's
/// maximum subarray): long lines weigh more, but not so much that one paragraph outweighs the
/// headlines around it. Lines outside the run go; inside it only lines below `blockFloor` go,
/// since a weak line among article lines is usually the article's (a subhead, a short paragraph).
extension LineModel.Weights {
    /// The best block of `measures` under `probabilities`; nil when block decoding is off or no
    /// line has evidence for the article (then lines are judged one by one).
    func bestBlock(_ probabilities: [Double], _ measures: [LineFeatures.Measure]) -> Range<Int>? {
        guard let blockThreshold else { return nil }
        var best: Range<Int>?
        var bestSum = 0.0
        var start = 0
        var sum = 0.0
        for (index, probability) in probabilities.enumerated() {
            if sum <= 0 {
                start = index
                sum = 0
            }
            sum += (probability - blockThreshold) * Double(measures[index].words).squareRoot()
            if sum > bestSum {
                bestSum = sum
                best = start..<(index + 1)
            }
        }
        return best
    }

    /// Whether line `index` goes when the article is `block` (from `bestBlock`), else as `removes` says.
    func removes(_ index: Int, _ probability: Double, _ line: LineFeatures.Measure, density: Double, block: Range<Int>?) -> Bool {
        guard let block else { return removes(probability, line, density: density) }
        return !block.contains(index) || probability < blockFloor
    }
}
