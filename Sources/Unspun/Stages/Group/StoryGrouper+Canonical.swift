import Foundation

/// What the canonical choice reads of a grouped component: the signatures, their sketches and
/// candidates (among them a member's possible lenders in other stories), each document's story
/// and each story's members in preference order.
struct CanonicalContext {
    var signatures: [StorySignature]
    var sketches: Sketches
    var candidates: Candidates
    var story: [Int]
    var members: [[Int]]
}

extension StoryGrouper {
    /// A page of another story counts as a lender only when it holds at least this share of
    /// the member's skeleton.
    static let minimumBorrowed = 0.1
    /// ... and only when the two agree on at least this many MinHash functions: a pair that met
    /// in a bucket by chance agrees on that bucket's two and on one or two more, and a share
    /// estimated from so few says nothing (in a large dump most pages have dozens of such
    /// meetings, which made the canonical choice noisier as the dump grew).
    static let minimumBorrowedAgreements = 6
    /// ... and only the pages that hold most of it: a merged copy borrowed from one story or
    /// two, while in a large dump a page shares a sentence or two with many others, and the
    /// cost of looking at all of them would grow with the dump.
    static let maximumLenders = 8

    /// The share of a member (`shingles` skeleton shingles) that a page of another story
    /// (`otherShingles`), agreeing with it on `agreements` MinHash functions, holds; nil when too
    /// small or too uncertain to make it a lender.
    static func borrowedHeld(_ agreements: Int, _ shingles: Int, _ otherShingles: Int) -> Double? {
        guard agreements >= minimumBorrowedAgreements else { return nil }
        let held = StorySignature.containment(
            jaccard: StorySignature.jaccard(agreements: agreements), shingles: shingles, otherShingles: otherShingles)
        return held >= minimumBorrowed ? held : nil
    }

    /// The story's canonical member (`list` in preference order): the best `Evidence` score
    /// among the members not judged spun (among all when every one is), the earliest of equals.
    static func canonical(of list: [Int], in context: CanonicalContext) -> Int {
        guard list.count > 1 else { return list[0] }
        let (signatures, sketches) = (context.signatures, context.sketches)
        // Exact twins count once: two identical reposts should not outvote the original. Of twins,
        // the one that came with the least residue stands for them (a syndicated copy alike after
        // cleaning still had its outlet's residue), the earliest in preference order of equals.
        var pool: [Int] = []
        for member in list.prefix(canonicalCandidates) {
            let (sentences, minHashes) = (signatures[member].sentences, signatures[member].minHashes)
            if let twin = pool.firstIndex(where: { signatures[$0].sentences == sentences && signatures[$0].minHashes == minHashes }) {
                if signatures[member].residue < signatures[pool[twin]].residue { pool[twin] = member }
            } else {
                pool.append(member)
            }
        }
        guard pool.count > 1 else { return pool[0] }
        let unspun = pool.filter { signatures[$0].spinScore < SpinJudgment.minimumPerThousandWords }
        let leastResidue = pool.map { signatures[$0].residue }.min() ?? 0
        var best = (score: -Double.infinity, index: pool[0])
        for candidate in unspun.isEmpty ? pool : unspun {
            var evidence = Evidence()
            var others: [UInt32] = []
            for other in pool where other != candidate {
                let jaccard = sketches.jaccard(candidate, other)
                let (mine, theirs) = (signatures[candidate].shingleCount, signatures[other].shingleCount)
                let (theirsHeld, mineHeld) = (
                    StorySignature.containment(jaccard: jaccard, shingles: theirs, otherShingles: mine),
                    StorySignature.containment(jaccard: jaccard, shingles: mine, otherShingles: theirs)
                )
                let common = Double(ReferenceRepair.sharedCount(signatures[candidate].sentences, signatures[other].sentences))
                let theirsShared = common / Double(max(1, signatures[other].sentences.count))
                let mineShared = common / Double(max(1, signatures[candidate].sentences.count))
                // A sibling with the same skeleton but other sentences is a rewording of the
                // candidate, or the candidate of it: which holds the other tells nothing (a spun
                // copy that merged another story's paragraphs holds all of its original), so
                // skeleton cover counts as far as shared sentences confirm it, its sentence share
                // leans (as far as it rewords) to the smaller of the two shares, and the one with
                // the longer words is the spun one.
                let skeletonShare = min(theirsHeld, mineHeld)
                let confirmed = min(theirsShared, mineShared)
                let rewording = skeletonShare > 0 ? max(0, skeletonShare - theirsShared) / skeletonShare : 0
                let sentenceShare = theirsShared - rewording * (theirsShared - confirmed)
                evidence.coveredSkeleton += theirsHeld * (skeletonShare > 0 ? min(1, confirmed / skeletonShare) : 1)
                evidence.coveredSentences += sentenceShare
                evidence.longerWords += max(0, skeletonShare - sentenceShare) * (signatures[candidate].meanWordLength - signatures[other].meanWordLength)
                others.append(contentsOf: signatures[other].sentences)
            }
            others.sortDroppingRepeats()
            let siblings = Double(pool.count - 1)
            evidence.coveredSkeleton /= siblings
            evidence.coveredSentences /= siblings
            evidence.longerWords /= siblings
            evidence.residue = min(1, log1p(Double(signatures[candidate].residue - leastResidue)) / log(1001))
            evidence.sharedSentences =
                Double(ReferenceRepair.sharedCount(signatures[candidate].sentences, others))
                / Double(max(1, signatures[candidate].sentences.count))
            evidence.borrowed = borrowedShare(of: candidate, siblings: pool.filter { $0 != candidate }, in: context)
            evidence.wire = signatures[candidate].isWire
            if evidence.score > best.score + 1e-9 { best = (evidence.score, candidate) }
        }
        return best.index
    }

    /// The largest share of `member`'s skeleton that a candidate of another story holds and none
    /// of `siblings` does, where that page's own story has it too (or the page is alone in it):
    /// what a merged copy borrowed from another story (that story's own text, its lead that its
    /// copies share), and not an original's lead that a merged copy elsewhere borrowed (there the
    /// other story's members lack it). Counted over the MinHash functions whose minimum `member`
    /// and the page share; lenders are the pages `borrowedHeld` takes, at most `maximumLenders`
    /// of them (those that hold most; of equals, the earliest in input order).
    static func borrowedShare(of member: Int, siblings: [Int], in context: CanonicalContext) -> Double {
        let sketches = context.sketches
        // The hash functions whose minimum a sibling shares: what the story itself has.
        let ownMask = siblings.reduce(UInt64(0)) { mask, sibling in mask | sketches.agreementMask(member, sibling) }
        var lenders: [(held: Double, page: Int)] = []
        context.candidates.forEach(of: member) { other, agreements in
            guard context.story[other] != context.story[member],
                let held = borrowedHeld(agreements, sketches.shingles(member), sketches.shingles(other))
            else { return }
            lenders.append((held, other))
        }
        if lenders.count > maximumLenders {
            lenders.sort { $0.held != $1.held ? $0.held > $1.held : $0.page < $1.page }
            lenders.removeLast(lenders.count - maximumLenders)
        }
        var largest = 0.0
        for (held, other) in lenders {
            let sharedMask = sketches.agreementMask(member, other)
            var borrowedMask = sharedMask & ~ownMask
            if borrowedMask != 0 {
                let home = context.members[context.story[other]].prefix(canonicalCandidates).filter { $0 != other }
                if !home.isEmpty { borrowedMask &= home.reduce(UInt64(0)) { mask, page in mask | sketches.agreementMask(member, page) } }
            }
            largest = max(largest, held * Double(borrowedMask.nonzeroBitCount) / Double(sharedMask.nonzeroBitCount))
        }
        return largest
    }

    /// What speaks for a member being its story's original. `covered...`: the mean share of a
    /// sibling's skeleton (sentences) the member holds, high for the original, which holds every
    /// cut copy (a rewording sibling's skeleton only as far as shared sentences confirm it);
    /// `sharedSentences`: the share of its sentences some sibling has, low for a copy with
    /// paragraphs of its own. Skeletons tell the original from spun copies, which share few
    /// sentences word for word; sentences tell it from cut and merged copies, where MinHash's
    /// estimates are too coarse. `longerWords`: how much longer the member's words run than
    /// those of the siblings that reword it (same skeleton, other sentences), weighted by how
    /// much they reword it: spinners swap words for rarer, longer synonyms, so of an original
    /// and its spun copy the original has the plainer words. `borrowed` (`borrowedShare`): the
    /// share of its skeleton that is another story's, which only a merged copy has: of an
    /// original and a copy that kept its first 70% and added another story's paragraphs,
    /// nothing inside the story tells which came first. `residue`: the page residue strip
    /// removed beyond the least of the story's members, on a log scale that reaches one at a
    /// thousand bytes: a small malus that a few bytes already show (an outlet's credit line)
    /// and a long page footer does not swamp. A wire mark (agency dateline, credit) counts as
    /// a small bonus (copies carry agency credits too). The weights were set on generated
    /// dumps (`make_dump.py --hard`, seeds 1-5) and checked on seeds 6 and 7.
    struct Evidence {
        var coveredSkeleton = 0.0, coveredSentences = 0.0, sharedSentences = 0.0
        var longerWords = 0.0, borrowed = 0.0, residue = 0.0
        var wire = false

        var score: Double {
            3 * coveredSkeleton + 4 * coveredSentences + sharedSentences - 3 * longerWords - 2 * borrowed - 0.3 * residue + (wire ? 0.15 : 0)
        }
    }
}
