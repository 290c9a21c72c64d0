import Dispatch

/// The document that last met each item (a candidate document, a story): a stamp array
/// instead of a set emptied for every document, so that a pair sharing several buckets is
/// looked at once. One per thread.
final class Stamps {
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
struct Sketches {
    private let hashes: [UInt32]
    private let shingleCounts: [Int]
    /// The low byte of every hash, eight to a word: two sketches agree on at most as many hashes
    /// as bytes here, so a pair that agrees on too few bytes is dropped after reading 64 bytes of
    /// each instead of 256 (a quarter of the memory the full sketches take).
    private let lowBytes: [UInt64]

    /// How many documents there are.
    var count: Int { shingleCounts.count }

    init(_ signatures: [StorySignature]) {
        shingleCounts = signatures.map(\.shingleCount)
        var hashes: [UInt32] = []
        hashes.reserveCapacity(signatures.count * StorySignature.hashCount)
        for signature in signatures {
            precondition(signature.minHashes.count == StorySignature.hashCount, "a signature of \(signature.minHashes.count) hashes")
            hashes.append(contentsOf: signature.minHashes)
        }
        self.hashes = hashes
        var lowBytes = [UInt64](repeating: 0, count: hashes.count / 8)
        for (index, hash) in hashes.enumerated() {
            lowBytes[index / 8] |= UInt64(hash & 0xFF) << UInt64(8 * (index % 8))
        }
        self.lowBytes = lowBytes
    }

    /// The hash functions on which `a` and `b` agree, as bits (bit `i` for function `i`; there
    /// are 64).
    @inline(__always)
    func agreementMask(_ a: Int, _ b: Int) -> UInt64 {
        hashes.withUnsafeBufferPointer { all in StorySignature.agreementMask(Self.sketch(a, in: all), Self.sketch(b, in: all)) }
    }

    /// At least `agreements(a, b)`: the number of equal low bytes of their hashes.
    @inline(__always)
    func agreementBound(_ a: Int, _ b: Int) -> Int {
        let words = StorySignature.hashCount / 8
        return lowBytes.withUnsafeBufferPointer { all in
            var equal = 0
            for word in 0..<words {
                // A byte of `difference` is zero where the two agree; set its high bit there.
                let difference = all[a * words + word] ^ all[b * words + word]
                let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
                equal += (~(((difference & low) &+ low) | difference | low)).nonzeroBitCount
            }
            return equal
        }
    }

    /// How many skeleton shingles `document` has.
    @inline(__always)
    func shingles(_ document: Int) -> Int { shingleCounts[document] }

    /// `StorySignature.jaccard` of documents `a` and `b`.
    @inline(__always)
    func jaccard(_ a: Int, _ b: Int) -> Double {
        StorySignature.jaccard(agreements: agreements(a, b))
    }

    /// `StorySignature.agreements` of documents `a` and `b`.
    @inline(__always)
    func agreements(_ a: Int, _ b: Int) -> Int {
        hashes.withUnsafeBufferPointer { all in StorySignature.agreements(Self.sketch(a, in: all), Self.sketch(b, in: all)) }
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
struct Buckets {
    /// Per band, the documents sorted by their bucket key; a bucket is a run of equal keys.
    /// Band `b`'s documents start at `b * documents`.
    private var members: [UInt32]
    /// The run in `members` of each (document, band) bucket, empty for a document without
    /// keys and for a bucket the document has to itself (most of them), so that walking a
    /// document's buckets reads one array in order and touches `members` only where there are
    /// other documents.
    private var runs: [(start: UInt32, end: UInt32)]
    /// The buckets larger than `StoryGrouper.maximumBucket` (or named oversized), as runs of
    /// `members`, band by band: they make no pairs here, and grouping joins their members to
    /// the few that rank first (`StoryGrouper.oversizedPairs`), so that a story with thousands of
    /// copies stays one.
    let oversized: [Range<Int>]

    /// `oversizedKeys`: bucket keys to treat as oversized whatever their size here (an engine
    /// that grouped one shard of the dump names the buckets that are oversized across all of it).
    init(_ signatures: [StorySignature], sketches: Sketches, jobs: Int, oversizedKeys: Set<UInt64> = []) {
        let bands = StorySignature.bands
        let documents = signatures.count
        var members = [UInt32](repeating: 0, count: documents * bands)
        var runs = [(start: UInt32, end: UInt32)](repeating: (0, 0), count: documents * bands)
        var oversizedByBand = [[Range<Int>]](repeating: [], count: bands)
        members.withUnsafeMutableBufferPointer { members in
            runs.withUnsafeMutableBufferPointer { runs in
                oversizedByBand.withUnsafeMutableBufferPointer { oversizedByBand in
                    let (memberSlots, runSlots, oversizedSlots) = (UncheckedBox(members), UncheckedBox(runs), UncheckedBox(oversizedByBand))
                    // Bands never share a bucket (the key mixes in the band), so each is sorted on
                    // its own, on any core, and writes only its own slots.
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
                                let isOversized = end - start > StoryGrouper.maximumBucket || !oversizedKeys.isEmpty && oversizedKeys.contains(keyed[start].key)
                                if isOversized, end - start > 1 { oversizedSlots.value[band].append((base + start)..<(base + end)) }
                                for position in start..<end {
                                    memberSlots.value[base + position] = keyed[position].document
                                    if end - start > 1, !isOversized {
                                        runSlots.value[Int(keyed[position].document) * bands + band] = (UInt32(base + start), UInt32(base + end))
                                    }
                                }
                                start = end
                            }
                        }
                    }
                }
            }
        }
        self.members = members
        self.runs = runs
        oversized = oversizedByBand.flatMap { $0 }
    }

    /// Calls `body` with every member of each bucket `document` shares with others (itself
    /// included, and a document once per bucket it shares), oversized buckets left out.
    @inline(__always)
    func forEachCandidate(of document: Int, _ body: (Int32) -> Void) {
        let bands = StorySignature.bands
        for band in 0..<bands {
            let run = runs[document * bands + band]
            for position in Int(run.start)..<Int(run.end) { body(Int32(members[position])) }
        }
    }

    /// The documents of an oversized bucket (`oversized`), in document order.
    func members(of bucket: Range<Int>) -> ArraySlice<UInt32> { members[bucket] }
}

/// Each document's candidates, found once: the documents it shares a bucket with, each once, with
/// the number of MinHash functions the two agree on, kept only where a step of grouping can use
/// the pair (an estimated Jaccard of `StoryGrouper.minimumJaccard`, below which no link is
/// made: `linkScore`'s merged-copy branch implies more, see `StoryGrouper.mergedJaccard`; or
/// the share of the document a page of another story could have lent it,
/// `StoryGrouper.borrowedHeld`).
/// Most pairs a bucket makes are chance meetings of unrelated pages, and their number per
/// document grows with the dump; checking each once, here, instead of in every step that walks
/// the buckets keeps grouping's cost per document nearly flat.
struct Candidates {
    /// Document `d`'s candidates are `entries[starts[d]..<starts[d + 1]]`, in bucket order.
    private let starts: [Int]
    private let entries: [(document: UInt32, agreements: UInt8)]
    /// The fewest agreeing hashes of a pair that is kept.
    static let minimumAgreements = min(
        StoryGrouper.minimumBorrowedAgreements, Int((StoryGrouper.minimumJaccard * Double(StorySignature.hashCount)).rounded(.up)))

    /// Whether a step of grouping can use a pair that agrees on `agreements` MinHash functions.
    @inline(__always)
    static func keeps(_ agreements: Int, _ mine: Int, _ theirs: Int) -> Bool {
        StorySignature.jaccard(agreements: agreements) >= StoryGrouper.minimumJaccard || StoryGrouper.borrowedHeld(agreements, mine, theirs) != nil
    }

    init(_ buckets: Buckets, sketches: Sketches, jobs: Int) {
        let count = sketches.count
        let pool = WorkerPool(jobs: jobs) { Stamps(count: count) }
        let lists = pool.map(Array(0..<count)) { stamps, document -> [(document: UInt32, agreements: UInt8)] in
            var kept: [(document: UInt32, agreements: UInt8)] = []
            buckets.forEachCandidate(of: document) { other in
                let other = Int(other)
                guard other != document, stamps.firstMeeting(other, by: document),
                    sketches.agreementBound(document, other) >= Self.minimumAgreements
                else { return }
                let agreements = sketches.agreements(document, other)
                guard Self.keeps(agreements, sketches.shingles(document), sketches.shingles(other)) else { return }
                kept.append((UInt32(other), UInt8(agreements)))
            }
            return kept
        }
        self.init(lists)
    }

    private init(_ lists: [[(document: UInt32, agreements: UInt8)]]) {
        var starts = [0]
        starts.reserveCapacity(lists.count + 1)
        for list in lists { starts.append(starts[starts.count - 1] + list.count) }
        self.starts = starts
        entries = lists.flatMap { $0 }
    }

    /// These candidates and `extra` ones (per document, in a fixed order), each pair once.
    func adding(_ extra: [[(document: UInt32, agreements: UInt8)]]) -> Candidates {
        guard extra.contains(where: { !$0.isEmpty }) else { return self }
        return Candidates(
            extra.indices.map { document in
                var list = Array(entries[starts[document]..<starts[document + 1]])
                guard !extra[document].isEmpty else { return list }
                var known = Set(list.map(\.document))
                for entry in extra[document] where known.insert(entry.document).inserted { list.append(entry) }
                return list
            })
    }

    /// Calls `body` with each candidate of `document` and the number of MinHash functions the
    /// two agree on (over `StorySignature.hashCount`, their estimated Jaccard).
    @inline(__always)
    func forEach(of document: Int, _ body: (_ other: Int, _ agreements: Int) -> Void) {
        for position in starts[document]..<starts[document + 1] {
            let entry = entries[position]
            body(Int(entry.document), Int(entry.agreements))
        }
    }
}
