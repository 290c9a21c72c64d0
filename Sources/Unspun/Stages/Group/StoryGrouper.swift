import Foundation

/// The reduce step of grouping: candidate pairs from shared LSH buckets, a check of each pair,
/// and the stories as trees of links.
///
/// Documents are ranked by preference:
///   1. least spun (lowest `spin_score`),
///   2. wire marks (an agency dateline, a closing agency line or a "Reporting by" credit),
///   3. most close copies (Jaccard at least 0.5 among its LSH candidates): the original of a
///      story is close to all its copies, a copy that merged two stories to few,
///   4. plainest wording (mean word length, to a tenth of a letter: synonyms run longer),
///   5. most complete (most skeleton shingles),
///   6. id, so that ties break the same way every run.
/// Each document links to the candidate ranked before it that it best matches (`linkScore`),
/// or to none; a story is a tree of such links, named by its root. A document's link depends
/// only on its own candidates, the ranking and its neighbours' first links, not on the order
/// documents are visited in or on how they are partitioned, so an engine that shuffles by bucket
/// gets the same stories. A document links only to one that holds a good part of it (a copy, cut
/// or spun, of its original), or to one whose text it holds most of while that one is a good part
/// of it (a copy that merged another story's paragraphs in); the second pass (in `group`) keeps a
/// merged copy from joining its story to the page it borrowed from.
///
/// The canonical copy is chosen across the story (`Evidence`, StoryGrouper+Canonical.swift): the
/// member that covers what its siblings have (the original holds every cut copy), with little
/// that another story's pages hold and its siblings do not (a merged copy's borrowed paragraphs),
/// plainer words than the siblings that reword it, little page residue, a wire mark as a small
/// bonus; a member judged spun (by the spin rules) only when every member is.
public struct StoryGrouper {
    public static let minimumContainment = 0.35
    public static let minimumJaccard = 0.2
    /// A merged copy: it holds this share of the other's skeleton, and that is at least
    /// `mergedShare` of its own.
    public static let mergedCover = 0.6
    public static let mergedShare = 0.3
    /// The least Jaccard of a merged copy and its source: holding `mergedCover` of one and being
    /// `mergedShare` of itself puts the two sets' overlap at 1 / (1/share + 1/cover - 1) of their
    /// union (0.25), so the merged branch of `linkScore` needs no candidate under `minimumJaccard`.
    static let mergedJaccard = 1 / (1 / mergedShare + 1 / mergedCover - 1)
    /// Buckets larger than this make no pairs among all their members: such a bucket is a story
    /// with hundreds of copies or text that unrelated pages share, and its pairs would cost their
    /// square. Each member is compared instead with the `oversizedPivots` members that rank first
    /// in it, so that every copy of a large story finds an earlier-ranked one to link to.
    public static let maximumBucket = 500
    static let oversizedPivots = 8
    /// Members compared with one another for the canonical choice (the first in preference
    /// order): a story with thousands of members would cost their square.
    public static let canonicalCandidates = 64

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

    /// `excludingKeys`: for a shard of a dump (`StoryAssigner`), the buckets larger than
    /// `maximumBucket` across the whole dump, which make no pairs among all their members here
    /// either (see `maximumBucket`).
    public func group(_ signatures: [StorySignature], excludingKeys excluded: Set<UInt64> = []) -> Assignment {
        let sketches = Sketches(signatures)
        let buckets = Buckets(signatures, sketches: sketches, jobs: jobs, oversizedKeys: excluded)
        let nearby = Candidates(buckets, sketches: sketches, jobs: jobs)
        // Close copies of each document: an original has its copies and spun copies; a copy
        // that merged two stories has fewer, since it is close to neither.
        // Each document's count depends on nothing but its candidates, so the cores share them.
        let pool = WorkerPool(jobs: jobs) {}
        let closeCopies = pool.map(Array(signatures.indices)) { _, index in
            var close = 0
            nearby.forEach(of: index) { _, agreements in
                if StorySignature.jaccard(agreements: agreements) >= 0.5 { close += 1 }
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
        var ranks = [Int](repeating: 0, count: signatures.count)
        for (position, index) in order.enumerated() { ranks[index] = position }
        let rank = ranks
        let candidates = nearby.adding(Self.oversizedPairs(buckets, sketches: sketches, rank: rank))
        let shingles = signatures.map(\.shingleCount)
        // Each document's link, on any core: its best-matching candidate ranked before it.
        let firstLinks = pool.map(Array(signatures.indices)) { _, index in
            Self.bestLink(of: index, candidates: candidates, sketches: sketches, rank: rank) { _ in true }
        }
        // A document that fills only a small part of its link's text is either an excerpt of it or
        // a page that a merged copy borrowed from: it keeps the link only when it also matches the
        // linked copy's story, that is what that copy links to or, for a root, the document that
        // fills most of it (an excerpt of a copy matches the copy's original; the borrowed-from page
        // matches neither the merged copy's original nor, when the merged copy ranked first, the
        // original that links to it). And a document drops its link when a document linking to it
        // holds more of it than the linked one does and does not match that one: a merged copy
        // linked to the page it borrowed from stays with its own story's original, ranked after it.
        let heaviest = Self.heaviestChildren(firstLinks, rank: rank)
        let anchors = firstLinks.indices.map { index in firstLinks[index]?.index ?? heaviest[index].flatMap { $0.held >= 0.5 ? $0.index : nil } }
        let links = pool.map(Array(signatures.indices)) { _, index -> Int in
            guard let link = firstLinks[index] else { return -1 }
            if let child = heaviest[index], child.held > link.score,
                Self.linkScore(sketches.jaccard(child.index, link.index), shingles[child.index], shingles[link.index]) == nil
            {
                return -1
            }
            guard link.isSmall, let anchor = anchors[link.index], anchor != index else { return link.index }
            return Self.bestLink(of: index, candidates: candidates, sketches: sketches, rank: rank) { link in
                guard link.isSmall, let anchor = anchors[link.index], anchor != index else { return true }
                return Self.linkScore(sketches.jaccard(index, anchor), shingles[index], shingles[anchor]) != nil
            }?.index ?? -1
        }
        // Links point to documents ranked earlier, so in rank order each parent has its story.
        var story = [Int](repeating: -1, count: signatures.count)
        var roots: [Int] = []
        for index in order {
            if links[index] >= 0 {
                story[index] = story[links[index]]
            } else {
                story[index] = roots.count
                roots.append(index)
            }
        }
        var members = [[Int]](repeating: [], count: roots.count)
        for index in order { members[story[index]].append(index) }
        let context = CanonicalContext(signatures: signatures, sketches: sketches, candidates: candidates, story: story, members: members)
        let canonical = pool.map(members) { _, list in Self.canonical(of: list, in: context) }
        return Assignment(story: story, canonical: canonical)
    }

    /// The pairs oversized buckets make, per document: each member with the `oversizedPivots`
    /// members that rank first in the bucket (both ways), where `Candidates` would keep the pair.
    static func oversizedPairs(_ buckets: Buckets, sketches: Sketches, rank: [Int]) -> [[(document: UInt32, agreements: UInt8)]] {
        var extra = [[(document: UInt32, agreements: UInt8)]](repeating: [], count: rank.count)
        for bucket in buckets.oversized {
            let members = buckets.members(of: bucket)
            let pivots = members.sorted { rank[Int($0)] < rank[Int($1)] }.prefix(oversizedPivots)
            for member in members {
                for pivot in pivots where pivot != member {
                    let agreements = sketches.agreements(Int(member), Int(pivot))
                    guard Candidates.keeps(agreements, sketches.shingles(Int(member)), sketches.shingles(Int(pivot))) else { continue }
                    extra[Int(member)].append((pivot, UInt8(agreements)))
                    extra[Int(pivot)].append((member, UInt8(agreements)))
                }
            }
        }
        return extra
    }

    /// Per document, of the documents whose first link is to it, the one that holds the largest
    /// share of it (as `held`; the earliest ranked of equals), or nil.
    static func heaviestChildren(_ links: [Link?], rank: [Int]) -> [Link?] {
        var heaviest = [Link?](repeating: nil, count: links.count)
        for (index, link) in links.enumerated() {
            guard let link else { continue }
            if let current = heaviest[link.index], current.held > link.held || (current.held == link.held && rank[current.index] < rank[index]) { continue }
            heaviest[link.index] = Link(index: index, score: link.score, held: link.held)
        }
        return heaviest
    }

    /// A document's link: the candidate, its score, and the share of the candidate's skeleton
    /// the document holds.
    struct Link {
        var index: Int
        var score: Double
        var held: Double

        /// The document is an excerpt of the candidate or a page it borrowed from: it fills under
        /// half of it and is the smaller (a spun copy that spinning left with few shared
        /// shingles still has its original's size).
        var isSmall: Bool { held < 0.5 && score > held }
    }

    /// The best link of `index` among its candidates ranked before it that `accept` takes; on
    /// equal scores, the earliest ranked.
    private static func bestLink(
        of index: Int, candidates: Candidates, sketches: Sketches, rank: [Int], accept: (Link) -> Bool
    ) -> Link? {
        var best: Link?
        candidates.forEach(of: index) { other, agreements in
            guard rank[other] < rank[index] else { return }
            let jaccard = StorySignature.jaccard(agreements: agreements)
            let (mine, theirs) = (sketches.shingles(index), sketches.shingles(other))
            guard let score = Self.linkScore(jaccard, mine, theirs) else { return }
            let link = Link(
                index: other, score: score, held: StorySignature.containment(jaccard: jaccard, shingles: theirs, otherShingles: mine))
            guard accept(link) else { return }
            if best == nil || score > best!.score || (score == best!.score && rank[other] < rank[best!.index]) { best = link }
        }
        return best
    }

    /// How well document `a` (`shinglesA` skeleton shingles) matches the earlier-ranked `b`, or
    /// nil when it should not link to it: the share of `a` that `b` holds, when `b` holds most of
    /// `a` or `a` is a merged copy that holds most of `b` (so that a merged copy prefers its own
    /// story's original, which holds more of it, to the page it borrowed from).
    static func linkScore(_ jaccard: Double, _ shinglesA: Int, _ shinglesB: Int) -> Double? {
        let aInB = StorySignature.containment(jaccard: jaccard, shingles: shinglesA, otherShingles: shinglesB)
        if jaccard >= minimumJaccard, aInB >= minimumContainment { return aInB }
        let bInA = StorySignature.containment(jaccard: jaccard, shingles: shinglesB, otherShingles: shinglesA)
        if bInA >= mergedCover, aInB >= mergedShare { return aInB }
        return nil
    }
}
