import Dispatch

/// The reduce step of grouping: candidate pairs from shared LSH buckets, a check of each pair,
/// and assignment of every document to the story it best matches.
///
/// Documents are taken in order of preference:
///   1. least spun (lowest `spin_score`),
///   2. wire marks (an agency dateline, a closing agency line or a "Reporting by" credit),
///   3. most close copies (Jaccard at least 0.5 among its LSH candidates): the original of a
///      story is close to all its copies, a copy that merged two stories to few,
///   4. plainest wording (mean word length, to a tenth of a letter: synonyms run longer),
///   5. most complete (most skeleton shingles),
///   6. id, so that ties break the same way every run.
/// Each document joins the story whose first member holds the largest share of its skeleton
/// (at least `minimumContainment`, with a Jaccard floor), or starts a story. Comparing with each
/// story's first member, not with any member, keeps a copy that merges paragraphs of two stories
/// from chaining them together: it joins the story it mostly derives from, alone.
///
/// The canonical copy is then the story's medoid, the member most like all the others (copies
/// and spun copies each resemble the original more than they resemble one another); with two
/// members, the first in the order above.
public struct StoryGrouper {
    public static let minimumContainment = 0.45
    public static let minimumJaccard = 0.2
    /// Buckets larger than this are boilerplate shared by unrelated pages; they make no pairs.
    public static let maximumBucket = 500

    public struct Assignment: Sendable {
        /// Story index for each signature, in input order.
        public var story: [Int]
        /// The canonical member's index, per story.
        public var canonical: [Int]

        /// Each story's id: "story:" and its canonical member's id.
        public func storyIDs(_ signatures: [StorySignature]) -> [String] {
            canonical.map { "story:" + signatures[$0].id }
        }
    }

    public init() {}

    public func group(_ signatures: [StorySignature]) -> Assignment {
        let buckets = Buckets(signatures)
        // Close copies of each document: an original has its copies and spun copies; a copy
        // that merged two stories has fewer, since it is close to neither.
        // Each document's count depends on nothing but the buckets, so the cores share them.
        var closeCopies = [Int](repeating: 0, count: signatures.count)
        closeCopies.withUnsafeMutableBufferPointer { counts in
            let slots = UncheckedBox(counts)
            let chunk = 4096
            DispatchQueue.concurrentPerform(iterations: (signatures.count + chunk - 1) / chunk) { part in
                var candidates: [Int32] = []
                for index in part * chunk..<min(signatures.count, (part + 1) * chunk) {
                    candidates.removeAll(keepingCapacity: true)
                    buckets.forEachCandidate(of: index) { other in
                        if Int(other) != index { candidates.append(other) }
                    }
                    candidates.sort()
                    var close = 0
                    for (position, other) in candidates.enumerated() where position == 0 || other != candidates[position - 1] {
                        if signatures[index].jaccard(signatures[Int(other)]) >= 0.5 { close += 1 }
                    }
                    slots.value[index] = close
                }
            }
        }
        let order = signatures.indices.sorted { a, b in
            let (x, y) = (signatures[a], signatures[b])
            if x.spinScore != y.spinScore { return x.spinScore < y.spinScore }
            if x.isWire != y.isWire { return x.isWire }
            if closeCopies[a] != closeCopies[b] { return closeCopies[a] > closeCopies[b] }
            let (lengthX, lengthY) = ((x.meanWordLength * 10).rounded(), (y.meanWordLength * 10).rounded())
            if lengthX != lengthY { return lengthX < lengthY }
            if x.shingleCount != y.shingleCount { return x.shingleCount > y.shingleCount }
            return Array(x.id.utf8).lexicographicallyPrecedes(Array(y.id.utf8))
        }
        var story = [Int](repeating: -1, count: signatures.count)
        var first: [Int] = []
        for index in order {
            let signature = signatures[index]
            var best: (score: Double, story: Int)?
            var seen = Set<Int>()
            buckets.forEachCandidate(of: index) { other in
                let candidateStory = story[Int(other)]
                guard candidateStory >= 0, seen.insert(candidateStory).inserted else { return }
                let head = signatures[first[candidateStory]]
                guard signature.jaccard(head) >= Self.minimumJaccard else { return }
                let score = signature.containment(in: head)
                if score >= Self.minimumContainment, score > best?.score ?? -1 { best = (score, candidateStory) }
            }
            if let best {
                story[index] = best.story
            } else {
                story[index] = first.count
                first.append(index)
            }
        }
        var members = [[Int]](repeating: [], count: first.count)
        for index in order { members[story[index]].append(index) }
        let canonical = members.map { list -> Int in
            guard list.count > 2 else { return list[0] }
            // The medoid; `list` is in preference order and only a strictly closer member wins.
            var best = (score: -1.0, index: list[0])
            for candidate in list {
                let score = list.reduce(0.0) { $0 + ($1 == candidate ? 0 : signatures[candidate].jaccard(signatures[$1])) }
                if score > best.score + 1e-9 { best = (score, candidate) }
            }
            return best.index
        }
        return Assignment(story: story, canonical: canonical)
    }
}

/// The LSH buckets of all documents, in three flat arrays instead of a dictionary of arrays
/// (a dictionary entry and an array per bucket cost about 60 bytes each, and a million
/// documents make 32 million bucket entries).
private struct Buckets {
    /// (document, band) slots sorted by bucket key; a bucket is a run of equal keys.
    private var slots: [UInt32]
    /// Where each run starts in `slots`, plus the end.
    private var runStarts: [UInt32]
    /// The run of each (document, band) slot, or `.max` for a document without keys.
    private var runOfSlot: [UInt32]

    init(_ signatures: [StorySignature]) {
        let bands = StorySignature.bands
        var keys = [UInt64](repeating: 0, count: signatures.count * bands)
        var present: [UInt32] = []
        for (document, signature) in signatures.enumerated() {
            for (band, key) in signature.bucketKeys.enumerated() {
                keys[document * bands + band] = key
                present.append(UInt32(document * bands + band))
            }
        }
        present.sort { keys[Int($0)] != keys[Int($1)] ? keys[Int($0)] < keys[Int($1)] : $0 < $1 }
        slots = present
        runStarts = []
        runOfSlot = [UInt32](repeating: .max, count: keys.count)
        for (position, slot) in present.enumerated() {
            if position == 0 || keys[Int(slot)] != keys[Int(present[position - 1])] { runStarts.append(UInt32(position)) }
            runOfSlot[Int(slot)] = UInt32(runStarts.count - 1)
        }
        runStarts.append(UInt32(present.count))
    }

    /// Calls `body` with every member of each bucket `document` is in (itself included, and a
    /// document once per bucket it shares), skipping buckets larger than `maximumBucket`.
    func forEachCandidate(of document: Int, _ body: (Int32) -> Void) {
        let bands = StorySignature.bands
        for band in 0..<bands {
            let run = runOfSlot[document * bands + band]
            guard run != .max else { continue }
            let range = Int(runStarts[Int(run)])..<Int(runStarts[Int(run) + 1])
            guard range.count <= StoryGrouper.maximumBucket else { continue }
            for position in range { body(Int32(slots[position] / UInt32(bands))) }
        }
    }
}
