import Dispatch
import Foundation

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

    /// Threads grouping may use (its result is the same for any number).
    public var jobs: Int

    /// `jobs`: by default, the number of cores.
    public init(jobs: Int? = nil) {
        self.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    public func group(_ signatures: [StorySignature]) -> Assignment {
        let sketches = Sketches(signatures)
        let buckets = Buckets(signatures, sketches: sketches, jobs: jobs)
        // Close copies of each document: an original has its copies and spun copies; a copy
        // that merged two stories has fewer, since it is close to neither.
        // Each document's count depends on nothing but the buckets, so the cores share them.
        let stampPool = WorkerPool(jobs: jobs) { Stamps(count: signatures.count) }
        let closeCopies = stampPool.map(Array(signatures.indices)) { stamps, index in
            var close = 0
            buckets.forEachCandidate(of: index) { other in
                guard Int(other) != index, stamps.firstMeeting(Int(other), by: index) else { return }
                if sketches.jaccard(index, Int(other)) >= 0.5 { close += 1 }
            }
            return close
        }
        let order = signatures.indices.sorted { a, b in
            let (x, y) = (signatures[a], signatures[b])
            if x.spinScore != y.spinScore { return x.spinScore < y.spinScore }
            if x.isWire != y.isWire { return x.isWire }
            if closeCopies[a] != closeCopies[b] { return closeCopies[a] > closeCopies[b] }
            let (lengthX, lengthY) = ((x.meanWordLength * 10).rounded(), (y.meanWordLength * 10).rounded())
            if lengthX != lengthY { return lengthX < lengthY }
            if x.shingleCount != y.shingleCount { return x.shingleCount > y.shingleCount }
            return x.id.utf8.lexicographicallyPrecedes(y.id.utf8)
        }
        var story = [Int](repeating: -1, count: signatures.count)
        var first: [Int] = []
        // A story is scored once per document, however many of its members the buckets hold.
        let scored = Stamps(count: signatures.count)
        for index in order {
            var best: (score: Double, story: Int)?
            buckets.forEachCandidate(of: index) { other in
                let candidateStory = story[Int(other)]
                guard candidateStory >= 0, scored.firstMeeting(candidateStory, by: index) else { return }
                let head = first[candidateStory]
                let jaccard = sketches.jaccard(index, head)
                guard jaccard >= Self.minimumJaccard else { return }
                let score = StorySignature.containment(
                    jaccard: jaccard, shingles: signatures[index].shingleCount, otherShingles: signatures[head].shingleCount)
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
                let score = list.reduce(0.0) { $0 + ($1 == candidate ? 0 : sketches.jaccard(candidate, $1)) }
                if score > best.score + 1e-9 { best = (score, candidate) }
            }
            return best.index
        }
        return Assignment(story: story, canonical: canonical)
    }
}

/// The document that last met each item (a candidate document, a story): a stamp array
/// instead of a set emptied for every document, so that a pair sharing several buckets is
/// looked at once. One per thread.
private final class Stamps {
    private var metBy: [Int32]

    init(count: Int) { metBy = [Int32](repeating: -1, count: count) }

    /// Whether `document` meets `item` here for the first time, and notes it.
    func firstMeeting(_ item: Int, by document: Int) -> Bool {
        guard metBy[item] != Int32(document) else { return false }
        metBy[item] = Int32(document)
        return true
    }
}

/// Every document's MinHash in one flat array: a comparison reads two runs of 64 hashes instead
/// of following two signatures to their arrays (grouping compares millions of pairs).
private struct Sketches {
    private let hashes: [UInt32]

    init(_ signatures: [StorySignature]) {
        var hashes: [UInt32] = []
        hashes.reserveCapacity(signatures.count * StorySignature.hashCount)
        for signature in signatures {
            precondition(signature.minHashes.count == StorySignature.hashCount, "a signature of \(signature.minHashes.count) hashes")
            hashes.append(contentsOf: signature.minHashes)
        }
        self.hashes = hashes
    }

    /// `StorySignature.jaccard` of documents `a` and `b`.
    @inline(__always)
    func jaccard(_ a: Int, _ b: Int) -> Double {
        hashes.withUnsafeBufferPointer { all in StorySignature.jaccard(Self.sketch(a, in: all), Self.sketch(b, in: all)) }
    }

    /// `StorySignature.bucketKey(band:)` of `document`.
    @inline(__always)
    func bucketKey(_ document: Int, band: Int) -> UInt64 {
        hashes.withUnsafeBufferPointer { all in StorySignature.bucketKey(band: band, of: Self.sketch(document, in: all)) }
    }

    @inline(__always)
    private static func sketch(_ document: Int, in all: UnsafeBufferPointer<UInt32>) -> UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(rebasing: all[document * StorySignature.hashCount..<(document + 1) * StorySignature.hashCount])
    }
}

/// The LSH buckets of all documents, in two flat arrays instead of a dictionary of arrays
/// (a dictionary entry and an array per bucket cost about 60 bytes each, and a million
/// documents make 32 million bucket entries).
private struct Buckets {
    /// Per band, the documents sorted by their bucket key; a bucket is a run of equal keys.
    /// Band `b`'s documents start at `b * documents`.
    private var members: [UInt32]
    /// The run in `members` of each (document, band) bucket, empty for a document without
    /// keys and for a bucket the document has to itself (most of them), so that walking a
    /// document's buckets reads one array in order and touches `members` only where there are
    /// other documents.
    private var runs: [(start: UInt32, end: UInt32)]

    init(_ signatures: [StorySignature], sketches: Sketches, jobs: Int) {
        let bands = StorySignature.bands
        let documents = signatures.count
        var members = [UInt32](repeating: 0, count: documents * bands)
        var runs = [(start: UInt32, end: UInt32)](repeating: (0, 0), count: documents * bands)
        members.withUnsafeMutableBufferPointer { members in
            runs.withUnsafeMutableBufferPointer { runs in
                let (memberSlots, runSlots) = (UncheckedBox(members), UncheckedBox(runs))
                // Bands never share a bucket (the key mixes in the band), so each is sorted on its
                // own, on any core, and writes only its own slots.
                let threads = max(1, min(jobs, bands))
                DispatchQueue.concurrentPerform(iterations: threads) { thread in
                    for band in stride(from: thread, to: bands, by: threads) {
                        var keyed: [(key: UInt64, document: UInt32)] = []
                        keyed.reserveCapacity(documents)
                        for document in signatures.indices where signatures[document].shingleCount > 0 {
                            keyed.append((sketches.bucketKey(document, band: band), UInt32(document)))
                        }
                        keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.document < $1.document }
                        let base = band * documents
                        var start = 0
                        while start < keyed.count {
                            var end = start + 1
                            while end < keyed.count, keyed[end].key == keyed[start].key { end += 1 }
                            for position in start..<end {
                                memberSlots.value[base + position] = keyed[position].document
                                if end - start > 1 {
                                    runSlots.value[Int(keyed[position].document) * bands + band] = (UInt32(base + start), UInt32(base + end))
                                }
                            }
                            start = end
                        }
                    }
                }
            }
        }
        self.members = members
        self.runs = runs
    }

    /// Calls `body` with every member of each bucket `document` shares with others (itself
    /// included, and a document once per bucket it shares), skipping buckets larger than
    /// `maximumBucket`.
    @inline(__always)
    func forEachCandidate(of document: Int, _ body: (Int32) -> Void) {
        let bands = StorySignature.bands
        for band in 0..<bands {
            let run = runs[document * bands + band]
            guard run.end - run.start <= StoryGrouper.maximumBucket else { continue }
            for position in Int(run.start)..<Int(run.end) { body(Int32(members[position])) }
        }
    }
}
