/// Whether a document reads as spinner output, from the density of sure-fire phrase hits.
///
/// A sure rule's wording ("take a seat down", "sign a take care of") does not occur in ordinary
/// English, so one hit can be a fluke but several in a short text are not. A document is judged
/// spun when it has at least `minimumHits` sure hits and at least `minimumPerThousandWords` of
/// them per 1,000 words. Seed 000, a real spun article, scores about 15; the clean WCXB gold texts
/// score 0 (see the README for the figures).
public struct SpinJudgment: Sendable {
    public static let minimumHits = 2
    public static let minimumPerThousandWords = 1.5

    public var sureHits: Int
    public var words: Int

    /// Sure hits per 1,000 words.
    public var score: Double { words == 0 ? 0 : Double(sureHits) * 1000 / Double(words) }

    public var isSpun: Bool { sureHits >= Self.minimumHits && score >= Self.minimumPerThousandWords }
}
