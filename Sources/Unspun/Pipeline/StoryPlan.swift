/// Grouping's outcome, as pass 2 needs it: each document's story, each story's canonical copy
/// and members, and the story ids.
struct StoryPlan: Sendable {
    /// Story index per document, in input order.
    let story: [Int]
    /// The canonical document per story.
    let canonical: [Int]
    /// Documents per story, in grouping's preference order.
    let members: [[Int]]
    let storyIDs: [String]

    init(_ signatures: [StorySignature]) {
        let assignment = StoryGrouper().group(signatures)
        var members = [[Int]](repeating: [], count: assignment.canonical.count)
        for (index, story) in assignment.story.enumerated() { members[story].append(index) }
        story = assignment.story
        canonical = assignment.canonical
        self.members = members
        storyIDs = assignment.storyIDs(signatures)
    }

    /// The canonical article of a story: the canonical copy's body and metadata, with fields it
    /// lacks taken from the other members, first found in input order.
    func article(_ canonicalDocument: Document, story: Int, summaries: Summaries) -> Document {
        var metadata = JSONObject()
        var builtFrom = [canonicalDocument.id]
        for key in Summaries.Summary.articleKeys {
            if let value = canonicalDocument.metadata[key], value != .array([]) {
                metadata[key] = value
                continue
            }
            for member in members[story] where member != canonical[story] {
                if let value = summaries.fields[member][key], value != .array([]) {
                    metadata[key] = value
                    let id = summaries.signatures[member].id
                    if !builtFrom.contains(id) { builtFrom.append(id) }
                    break
                }
            }
        }
        metadata["members"] = .array(members[story].map { .string(summaries.signatures[$0].id) })
        metadata["built_from"] = .array(builtFrom.map(JSONValue.string))
        return Document(id: storyIDs[story], text: canonicalDocument.text, metadata: metadata)
    }
}

/// Pass 2's work on one thread: a spooled record gets its story, a spun copy is repaired from
/// its story's canonical copy, and both outputs are serialized. Canonical copies are read from
/// the spool by offset and their sentence index kept in a small cache.
final class ReferenceWorker {
    struct Finished {
        var document: [UInt8]
        var article: [UInt8]?
        var spun = false
        var repairedSentences = 0
        var edits: [String] = []
    }

    private let repair: ReferenceRepair
    private let spool: SpoolFile
    /// Canonical copies read from the spool, and the sentence index of those a copy differs from.
    private var canonicals: [Int: Document] = [:]
    private var references: [Int: ReferenceRepair.Reference] = [:]
    private static let cacheLimit = 256

    init(spool: SpoolFile) throws {
        repair = try ReferenceRepair()
        self.spool = spool
    }

    func finish(_ pending: RecordReader.Pending, index: Int, plan: StoryPlan, summaries: Summaries, referenceRepair: Bool) throws -> Finished {
        var document = try pending.resolve().get()
        let story = plan.story[index]
        let canonicalIndex = plan.canonical[story]
        document.metadata["story"] = .string(plan.storyIDs[story])
        document.metadata["canonical"] = .bool(canonicalIndex == index)
        var finished = Finished(document: [])
        if referenceRepair, canonicalIndex != index {
            let original = try canonical(canonicalIndex)
            if document.text != original.text {
                let alignment = repair.align(copy: document.text, original: reference(canonicalIndex, of: original))
                let ruleJudged = summaries.signatures[index].spinScore >= SpinJudgment.minimumPerThousandWords
                if ruleJudged || alignment.changesPerThousandWords >= ReferenceRepair.spunChangesPerThousandWords {
                    finished.spun = true
                    document.metadata["spun"] = .bool(true)
                    finished.repairedSentences = repair.repair(&document, from: original, alignment: alignment)
                    finished.edits = document.edits.map { "\($0.stage)/\($0.rule.hasPrefix("reference:") ? "reference" : $0.rule)" }
                }
            }
        }
        finished.document = RecordWriter.encode(document, format: .jsonl)
        if canonicalIndex == index {
            finished.article = RecordWriter.encode(plan.article(document, story: story, summaries: summaries), format: .jsonl)
        }
        return finished
    }

    private func canonical(_ index: Int) throws -> Document {
        if let cached = canonicals[index] { return cached }
        let record = try spool.document(at: index)
        if canonicals.count >= Self.cacheLimit {
            canonicals.removeAll(keepingCapacity: true)
            references.removeAll(keepingCapacity: true)
        }
        let document = Document(id: record.id, text: record.text)
        canonicals[index] = document
        return document
    }

    /// Built only when a copy differs from its canonical copy: verbatim reposts need none.
    private func reference(_ index: Int, of canonical: Document) -> ReferenceRepair.Reference {
        if let cached = references[index] { return cached }
        let reference = repair.reference(canonical.text)
        references[index] = reference
        return reference
    }
}
