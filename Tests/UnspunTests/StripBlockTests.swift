import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// Block decoding (`BlockDecoding.swift`): on a page, the article is the one run of lines with the
/// most evidence; stray lines that score well outside it go, weak lines inside it stay.
@Suite struct StripBlockTests {
    static func measures(_ words: [Int]) -> [LineFeatures.Measure] {
        words.map { count in
            let line = Array((1...max(count, 1)).map { _ in "word" }.joined(separator: " ").utf8)
            return line.withUnsafeBufferPointer { LineFeatures.measure($0) }
        }
    }

    static func weights(block: Double?) -> LineModel.Weights {
        var weights = LineModel.Weights()
        weights.threshold = 0.4
        weights.blockThreshold = block
        weights.blockFloor = 0.1
        return weights
    }

    @Test func theRunWithTheMostEvidenceIsTheBlock() {
        // A menu line that scores well, a gap of furniture, the article (one weak line inside),
        // then a footer sentence that scores well but stands alone.
        let probabilities = [0.9, 0.1, 0.05, 0.8, 0.9, 0.2, 0.85, 0.05, 0.02, 0.6]
        let measures = Self.measures([2, 3, 2, 30, 25, 8, 40, 2, 3, 6])
        let weights = Self.weights(block: 0.4)
        let block = weights.bestBlock(probabilities, measures)
        #expect(block == 3..<7)
        let removed = probabilities.indices.filter { weights.removes($0, probabilities[$0], measures[$0], density: 0, block: block) }
        #expect(removed == [0, 1, 2, 7, 8, 9])
    }

    @Test func withoutTheKeyOrEvidenceLinesAreJudgedOneByOne() {
        let measures = Self.measures([10, 10, 10])
        #expect(Self.weights(block: nil).bestBlock([0.9, 0.2, 0.9], measures) == nil)
        #expect(Self.weights(block: 0.4).bestBlock([0.3, 0.2, 0.1], measures) == nil)
        let weights = Self.weights(block: 0.4)
        #expect(!weights.removes(0, 0.5, measures[0], density: 0, block: nil))
        #expect(weights.removes(1, 0.3, measures[1], density: 0, block: nil))
    }

    @Test func theShippedPageModelDecodesBlocksAndTheExtractModelDoesNot() throws {
        let model = try #require(try Repo.rules.lineModel())
        #expect(model.weights(for: .page).blockThreshold != nil)
        #expect(model.weights(for: .extract).blockThreshold == nil)
    }

    @Test func blockKeysAreProbabilities() {
        #expect(throws: RuleError.self) { _ = try LineModel(path: "bad.model", text: "block-threshold: 1.5") }
        #expect(throws: RuleError.self) { _ = try LineModel(path: "bad.model", text: "block-floor: 0") }
    }
}
