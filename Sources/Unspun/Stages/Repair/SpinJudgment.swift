/// Whether a document reads as spinner output, from the density of sure-fire phrase hits.
///
/// A sure rule's wording ("take a seat down", "sign a take care of") does not occur in ordinary
/// English, so one hit can be a fluke but several in a short text are not. A document is judged
/// spun when it has at least `minimumHits` sure hits and at least `minimumPerThousandWords` of
/// them per 1,000 words. Seed 000, a real spun article, scores about 15; the clean WCXB gold texts
/// score 0 (see the README for the figures). With the spin restorer on, its odd spans add to the
/// score, scaled so that the density at which it judges a text spun counts as 1.5.
public struct SpinJudgment: Sendable {
    public static let minimumHits = 2
    public static let minimumPerThousandWords = 1.5

    public var sureHits: Int
    public var words: Int
    /// The restorer's share of the score (0 without it).
    public var restorerScore = 0.0

    /// Sure hits per 1,000 words.
    public var ruleScore: Double { words == 0 ? 0 : Double(sureHits) * 1000 / Double(words) }

    /// Sure hits per 1,000 words, plus the restorer's share.
    public var score: Double { ruleScore + restorerScore }

    /// The restorer's share for `perThousand` odd spans per 1,000 words when `spunAt` judges a
    /// text spun.
    static func restorerScore(perThousand: Double, spunAt: Double) -> Double {
        spunAt > 0 ? perThousand / spunAt * minimumPerThousandWords : 0
    }

    /// Judged from the sure hits alone: it decides whether the phrase rules of class `spun` fire.
    public var isSpun: Bool { sureHits >= Self.minimumHits && ruleScore >= Self.minimumPerThousandWords }
}
