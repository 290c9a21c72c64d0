/// `clean`'s dump-level steps on a shard of the dump, for an engine that distributes them
/// (`unspun group --assign`, `unspun story`): the same code as `DumpCleaner`'s, given only the
/// documents that can affect the result.
///
/// Grouping: a document links only to documents it shares an LSH bucket with, so a story lies
/// within one connected component of the graph of shared buckets (buckets of at most
/// `StoryGrouper.maximumBucket` documents across the dump), and grouping one component alone
/// gives its documents the stories and canonical copies grouping the whole dump gives them
/// (their preference order is the dump's, restricted to them). The buckets that are oversized
/// across the dump must be named, since the component alone would not see them as such.
public enum StoryAssigner {
    /// Each signature's story id and whether it is its story's canonical copy, in input order.
    public static func assign(_ signatures: [StorySignature], oversizedKeys: Set<UInt64>) -> [(story: String, canonical: Bool)] {
        let assignment = StoryGrouper(jobs: 1).group(signatures, excludingKeys: oversizedKeys)
        let ids = assignment.storyIDs(signatures)
        return signatures.indices.map { index in
            let story = assignment.story[index]
            return (ids[story], assignment.canonical[story] == index)
        }
    }
}

/// Pass 2 of `clean` for one story: its canonical copy chosen by grouping, its spun copies
/// repaired from it, the repetition cue applied (with the line counts across the dump), each
/// document and the story's article encoded as `clean` writes them.
public final class StoryStep {
    public struct Output {
        /// Each member's line of `documents.jsonl` (newline included), in the order given.
        public var documents: [[UInt8]] = []
        /// The story's line of `articles.jsonl`.
        public var article: [UInt8] = []
        /// What pass 2 adds to the report: documents written, spun copies, edits.
        public var report = CleanReport()
    }

    private let worker: ReferenceWorker
    private let referenceRepair: Bool
    private let repeatedLines: LineCounts.Settings?
    /// Counts every request shares (`unspun story --line-counts`, the dump's line-counts.tsv):
    /// a repaired line can be one that no member held before repair, so a story's own keys are
    /// not enough for `clean`'s result.
    public var lineCounts: [UInt32: LineCounts.Count] = [:]

    public init(referenceRepair: Bool = true, repeatedLines: LineCounts.Settings? = LineCounts.Settings()) throws {
        worker = try ReferenceWorker(lines: { _ in [] })
        self.referenceRepair = referenceRepair
        self.repeatedLines = repeatedLines
    }

    /// `members`: the story's records as pass 1 wrote them (`MapStep`'s "document"), in input
    /// order; `canonical`: the index of the canonical one among them; `lineCounts`: for the lines
    /// in more than `minimumDocuments` documents of the dump, their documents and stories.
    public func finish(members: [[UInt8]], canonical: Int, lineCounts: [UInt32: LineCounts.Count]) throws -> Output {
        var summaries = Summaries()
        summaries.keepsLineKeys = repeatedLines != nil
        for (index, line) in members.enumerated() {
            let document = try RecordReader.Pending.line(line, SourceLocation(file: "story", line: index + 1), .utf8, allowMarkup: true).resolve().get()
            summaries.append(Summaries.Summary(document), length: line.count + 1)
        }
        let plan = StoryPlan(
            story: [Int](repeating: 0, count: members.count), canonical: [canonical], members: [Array(members.indices)],
            storyIDs: ["story:" + summaries.signatures[canonical].id])
        if let repeatedLines {
            summaries.repeated = RepeatedLinePlan(
                keys: summaries.lineKeys, ends: summaries.lineKeyEnds, story: plan.story, members: plan.members, settings: repeatedLines, counted: lineCounts)
        }
        worker.restart(lines: { members[$0] })
        var output = Output()
        for (index, line) in members.enumerated() {
            let pending = RecordReader.Pending.line(line, SourceLocation(file: "story", line: index + 1), .utf8, allowMarkup: true)
            let finished = try worker.finish(pending, index: index, plan: plan, summaries: summaries, referenceRepair: referenceRepair)
            output.documents.append(finished.document)
            if let article = finished.article { output.article = article }
            output.report.add(finished)
        }
        return output
    }
}

extension StoryPlan {
    /// A plan made elsewhere (`StoryStep`: one story's).
    init(story: [Int], canonical: [Int], members: [[Int]], storyIDs: [String]) {
        self.story = story
        self.canonical = canonical
        self.members = members
        self.storyIDs = storyIDs
    }
}

extension CleanReport {
    /// Counts what pass 2 did to one document.
    mutating func add(_ finished: ReferenceWorker.Finished) {
        if finished.spun { spunCopies += 1 }
        if finished.repeatedLines > 0 {
            removedByKind["repeated", default: 0] += finished.repeatedLines
            editsByStageAndRule["\(LineCounts.cleanStage)/\(LineCounts.rule)", default: 0] += finished.repeatedLines
        }
        referenceRepairedSentences += finished.repairedSentences
        for edit in finished.edits { editsByStageAndRule[edit, default: 0] += 1 }
        written += 1
    }
}

/// The requests of `unspun group --assign` and `unspun story` (their --help gives the format).
extension StoryAssigner {
    /// `{"signatures", "oversized_keys"}` -> `{"stories", "canonical"}`; nil for a malformed request.
    public static func answer(_ request: JSONObject) -> JSONValue? {
        guard let values = request["signatures"]?.arrayValue, let keyValues = request["oversized_keys"]?.arrayValue else { return nil }
        let signatures = values.compactMap(StorySignature.init(json:))
        let keys = keyValues.compactMap { $0.stringValue.flatMap { UInt64($0, radix: 16) } }
        guard signatures.count == values.count, keys.count == keyValues.count, !signatures.isEmpty else { return nil }
        let assigned = assign(signatures, oversizedKeys: Set(keys))
        return .object(JSONObject([("stories", .array(assigned.map { .string($0.story) })), ("canonical", .array(assigned.map { .bool($0.canonical) }))]))
    }
}

extension StoryStep {
    /// `{"canonical", "members", "line_counts"}` -> `{"documents", "article", "report"}`; nil for
    /// a malformed request.
    public func answer(_ request: JSONObject) throws -> JSONValue? {
        guard let canonical = request["canonical"]?.numberText.flatMap({ Int($0) }), let memberValues = request["members"]?.arrayValue,
            let countList = request["line_counts"]?.arrayValue
        else { return nil }
        let members = memberValues.compactMap(\.stringValue)
        guard members.count == memberValues.count, members.indices.contains(canonical) else { return nil }
        var counts = lineCounts
        for entry in countList {
            guard let numbers = entry.arrayValue?.compactMap({ $0.numberText.flatMap { Int($0) } }), numbers.count == 3, let key = UInt32(exactly: numbers[0])
            else { return nil }
            counts[key] = LineCounts.Count(documents: numbers[1], stories: numbers[2])
        }
        let output = try finish(members: members.map { Array($0.utf8) }, canonical: canonical, lineCounts: counts)
        func line(_ bytes: [UInt8]) -> JSONValue { .string(String(decoding: bytes.last == 0x0A ? bytes.dropLast() : bytes[...], as: UTF8.self)) }
        return .object(JSONObject([("documents", .array(output.documents.map(line))), ("article", line(output.article)), ("report", output.report.json)]))
    }
}
