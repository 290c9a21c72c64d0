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

    init(_ signatures: [StorySignature], jobs: Int) {
        let assignment = StoryGrouper(jobs: jobs).group(signatures)
        var members = [[Int]](repeating: [], count: assignment.canonical.count)
        for (index, story) in assignment.story.enumerated() { members[story].append(index) }
        story = assignment.story
        canonical = assignment.canonical
        self.members = members
        storyIDs = assignment.storyIDs(signatures)
    }

    /// The metadata of a story's article: byline, authors, date and title as most copies that
    /// give one have them (the canonical copy first among equals); the other fields the
    /// canonical copy's, with fields it lacks taken from the other members, first found in
    /// input order.
    func articleMetadata(story: Int, summaries: Summaries) -> JSONObject {
        var metadata = JSONObject()
        let canonicalFields = summaries.fields[canonical[story]]
        var builtFrom = [summaries.signatures[canonical[story]].id]
        for key in Summaries.Summary.articleKeys {
            if Summaries.Summary.votedKeys.contains(key) {
                if let value = majority(key, story: story, summaries: summaries) { metadata[key] = value }
                continue
            }
            if let value = canonicalFields[key], value != .array([]) {
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
        if members[story].contains(where: { summaries.urls[$0] != nil }) {
            metadata["urls"] = .array(members[story].map { summaries.urls[$0].map(JSONValue.string) ?? .null })
        }
        metadata["built_from"] = .array(builtFrom.map(JSONValue.string))
        return metadata
    }

    /// The value most members give for a field; among equally common values, the one the
    /// earliest member in preference order (the canonical copy first) gives.
    private func majority(_ key: String, story: Int, summaries: Summaries) -> JSONValue? {
        let order = [canonical[story]] + members[story].filter { $0 != canonical[story] }
        let values = order.compactMap { summaries.fields[$0][key] }.filter { $0 != .array([]) }
        let keys = values.map { JSONWriter.string($0) }
        var counts: [String: Int] = [:]
        for key in keys { counts[key, default: 0] += 1 }
        // max(by:) keeps the first of equal elements.
        return keys.indices.max { counts[keys[$0], default: 0] < counts[keys[$1], default: 0] }.map { values[$0] }
    }

    /// The story's article as a JSONL line: its id, the canonical copy's other top-level fields
    /// (`url`, ...: each `"key":value` already encoded), its text (already encoded as a JSON
    /// string) and `articleMetadata`.
    func articleRecord(story: Int, otherFields: [some Collection<UInt8>], encodedText text: some Collection<UInt8>, summaries: Summaries) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count + 512)
        bytes.append(contentsOf: "{\"id\":".utf8)
        JSONWriter.writeString(storyIDs[story], into: &bytes)
        for field in otherFields {
            bytes.append(UInt8(ascii: ","))
            bytes.append(contentsOf: field)
        }
        bytes.append(contentsOf: ",\"text\":".utf8)
        bytes.append(contentsOf: text)
        bytes.append(contentsOf: ",\"metadata\":".utf8)
        JSONWriter.write(.object(articleMetadata(story: story, summaries: summaries)), into: &bytes)
        bytes.append(contentsOf: "}\n".utf8)
        return bytes
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
        /// Lines removed as repeated across stories (`RepeatedLinePlan`).
        var repeatedLines = 0
    }

    private let repair: ReferenceRepair
    /// Record `i` of pass 1's output, without its newline: the spool's, or one story's (`StoryStep`).
    private var line: (Int) throws -> [UInt8]
    /// Canonical copies read from the spool, and the sentence index of those a copy differs from.
    private var canonicals: [Int: Canonical] = [:]
    private var references: [Int: ReferenceRepair.Reference] = [:]
    private static let cacheLimit = 256

    convenience init(spool: SpoolFile) throws {
        try self.init(lines: spool.line(at:))
    }

    init(lines: @escaping (Int) throws -> [UInt8]) throws {
        repair = try ReferenceRepair()
        line = lines
    }

    /// Turns to other records (the next story's), with the cache emptied.
    func restart(lines: @escaping (Int) throws -> [UInt8]) {
        line = lines
        canonicals.removeAll(keepingCapacity: true)
        references.removeAll(keepingCapacity: true)
    }

    func finish(_ pending: RecordReader.Pending, index: Int, plan: StoryPlan, summaries: Summaries, referenceRepair: Bool) throws -> Finished {
        let story = plan.story[index]
        let canonicalIndex = plan.canonical[story]
        let isCanonical = canonicalIndex == index
        // Most records only gain their story fields, spliced into the spooled bytes; a spun copy
        // (or a record the byte scan cannot read) is parsed, repaired and written again.
        guard case .line(let line, _, _, _) = pending, let record = RawRecord(line),
            !Self.storyKeys.contains(where: record.metadataHasKey), summaries.repeated?.hasRemovals(index) != true
        else {
            return try finishParsed(pending, index: index, plan: plan, summaries: summaries, referenceRepair: referenceRepair, alignment: nil)
        }
        if referenceRepair, !isCanonical {
            let original = try canonical(canonicalIndex, id: summaries.signatures[canonicalIndex].id)
            let copyText = record.bytes[record.text]
            if !copyText.elementsEqual(original.encodedText) {
                let text = try record.bytes.withUnsafeBufferPointer { buffer throws(JSONError) in
                    try JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[record.text])).stringValue ?? ""
                }
                let alignment = repair.align(copy: text, original: reference(canonicalIndex, of: original))
                if isSpun(index, alignment, summaries) {
                    return try finishParsed(pending, index: index, plan: plan, summaries: summaries, referenceRepair: referenceRepair, alignment: alignment)
                }
            }
        }
        var storyID: [UInt8] = []
        JSONWriter.writeString(plan.storyIDs[story], into: &storyID)
        var finished = Finished(document: record.addingToMetadata([("story", storyID), ("canonical", Array((isCanonical ? "true" : "false").utf8))]))
        finished.document.append(0x0A)
        if isCanonical {
            finished.article = plan.articleRecord(
                story: story, otherFields: record.otherFields.map { record.bytes[$0] },
                encodedText: record.bytes[record.text], summaries: summaries)
        }
        return finished
    }

    /// Metadata keys pass 2 writes; a record that has them already is parsed, so that they are
    /// replaced where they stand.
    private static let storyKeys = ["story", "canonical", "spun"]

    /// A copy reads as spun when a spin rule judged it so or its aligned sentences differ in
    /// enough content words from its canonical copy's.
    private func isSpun(_ index: Int, _ alignment: ReferenceRepair.Alignment, _ summaries: Summaries) -> Bool {
        summaries.signatures[index].spinScore >= SpinJudgment.minimumPerThousandWords
            || alignment.changesPerThousandWords >= ReferenceRepair.spunChangesPerThousandWords
    }

    /// The general path: the record parsed, a spun copy repaired from its story's canonical
    /// copy (with the alignment already made, if any), the document and article encoded.
    private func finishParsed(
        _ pending: RecordReader.Pending, index: Int, plan: StoryPlan, summaries: Summaries, referenceRepair: Bool,
        alignment known: ReferenceRepair.Alignment?
    ) throws -> Finished {
        var document = try pending.resolve().get()
        let story = plan.story[index]
        let canonicalIndex = plan.canonical[story]
        document.metadata["story"] = .string(plan.storyIDs[story])
        document.metadata["canonical"] = .bool(canonicalIndex == index)
        var finished = Finished(document: [])
        if referenceRepair, canonicalIndex != index {
            let original = try canonical(canonicalIndex, id: summaries.signatures[canonicalIndex].id)
            if document.text != original.document.text {
                let alignment = known ?? repair.align(copy: document.text, original: reference(canonicalIndex, of: original))
                if isSpun(index, alignment, summaries) {
                    finished.spun = true
                    document.metadata["spun"] = .bool(true)
                    finished.repairedSentences = repair.repair(&document, from: original.document, alignment: alignment)
                    finished.edits = document.edits.map { "\($0.stage)/\($0.rule.hasPrefix("reference:") ? "reference" : $0.rule)" }
                }
            }
        }
        // After the repair, which compares the copy with its canonical copy as pass 1 left both.
        finished.repeatedLines = summaries.repeated?.remove(from: &document, index: index) ?? 0
        finished.document = RecordWriter.encode(document, format: .jsonl)
        if canonicalIndex == index {
            var text: [UInt8] = []
            JSONWriter.writeString(document.text, into: &text)
            let otherFields = (document.record?.fields ?? []).filter { !["id", "text", "metadata"].contains($0.key) }.map { field in
                var encoded: [UInt8] = []
                JSONWriter.writeString(field.key, into: &encoded)
                encoded.append(UInt8(ascii: ":"))
                JSONWriter.write(field.value, into: &encoded)
                return encoded
            }
            finished.article = plan.articleRecord(story: story, otherFields: otherFields, encodedText: text, summaries: summaries)
        }
        return finished
    }

    /// A canonical copy as pass 2 needs it: its id and text, and its text as the spool encodes it.
    private struct Canonical {
        var document: Document
        var encodedText: [UInt8]
    }

    /// Record `index` of the spool: only its text is decoded when the byte scan can read it (its
    /// edits and removed lines are often most of it), with `id`, its id as pass 1 saw it.
    private func canonical(_ index: Int, id: String) throws -> Canonical {
        if let cached = canonicals[index] { return cached }
        let line = try line(index)
        if canonicals.count >= Self.cacheLimit {
            canonicals.removeAll(keepingCapacity: true)
            references.removeAll(keepingCapacity: true)
        }
        let canonical: Canonical
        if let record = RawRecord(line) {
            let text = try line.withUnsafeBufferPointer { buffer throws(JSONError) in
                try JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[record.text])).stringValue ?? ""
            }
            canonical = Canonical(document: Document(id: id, text: text), encodedText: Array(line[record.text]))
        } else {
            let record = try RecordReader.Pending.line(line, SourceLocation(file: "spool", line: index + 1), .utf8, allowMarkup: true).resolve().get()
            var encodedText: [UInt8] = []
            JSONWriter.writeString(record.text, into: &encodedText)
            canonical = Canonical(document: Document(id: record.id, text: record.text), encodedText: encodedText)
        }
        canonicals[index] = canonical
        return canonical
    }

    /// Built only when a copy differs from its canonical copy: verbatim reposts need none.
    private func reference(_ index: Int, of canonical: Canonical) -> ReferenceRepair.Reference {
        if let cached = references[index] { return cached }
        let reference = repair.reference(canonical.document.text)
        references[index] = reference
        return reference
    }
}
