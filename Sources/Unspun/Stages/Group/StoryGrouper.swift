/// The reduce step of grouping: candidate pairs from shared LSH buckets, a check of each pair,
/// and assignment of every document to the story it best matches.
///
/// Documents are taken in canonical order, so a story's first member is the copy its canonical
/// article is built from:
///   1. least spun (lowest `spin_score`),
///   2. wire marks (an agency dateline, a closing agency line or a "Reporting by" credit),
///   3. most complete (most skeleton shingles),
///   4. id, so that ties break the same way every run.
/// Each document then joins the story of the already-placed document that holds the largest
/// share of its skeleton (at least `minimumContainment`, with a Jaccard floor), or starts a
/// story. Joining the best match, not every match, keeps a copy that merges paragraphs of two
/// stories from chaining them together.
public struct StoryGrouper {
    public static let minimumContainment = 0.45
    public static let minimumJaccard = 0.12
    /// Buckets larger than this are boilerplate shared by unrelated pages; they make no pairs.
    public static let maximumBucket = 500

    public struct Assignment: Sendable {
        /// Story index for each signature, in input order.
        public var story: [Int]
        /// The canonical member's index, per story.
        public var canonical: [Int]
    }

    public init() {}

    public func group(_ signatures: [StorySignature]) -> Assignment {
        let order = signatures.indices.sorted { a, b in
            let (x, y) = (signatures[a], signatures[b])
            if x.spinScore != y.spinScore { return x.spinScore < y.spinScore }
            if x.isWire != y.isWire { return x.isWire }
            if x.shingleCount != y.shingleCount { return x.shingleCount > y.shingleCount }
            return Array(x.id.utf8).lexicographicallyPrecedes(Array(y.id.utf8))
        }
        var buckets: [UInt64: [Int32]] = [:]
        for index in signatures.indices {
            for key in signatures[index].bucketKeys { buckets[key, default: []].append(Int32(index)) }
        }
        var story = [Int](repeating: -1, count: signatures.count)
        var canonical: [Int] = []
        for index in order {
            let signature = signatures[index]
            var best: (score: Double, story: Int)?
            var seen = Set<Int32>()
            for key in signature.bucketKeys {
                guard let members = buckets[key], members.count <= Self.maximumBucket else { continue }
                for other in members where story[Int(other)] >= 0 && seen.insert(other).inserted {
                    let candidate = signatures[Int(other)]
                    guard signature.jaccard(candidate) >= Self.minimumJaccard else { continue }
                    let score = signature.containment(in: candidate)
                    if score >= Self.minimumContainment, score > best?.score ?? -1 {
                        best = (score, story[Int(other)])
                    }
                }
            }
            if let best {
                story[index] = best.story
            } else {
                story[index] = canonical.count
                canonical.append(index)
            }
        }
        return Assignment(story: story, canonical: canonical)
    }
}
