import Foundation

/// Cleans a whole dump: the per-document stages on every core, then grouping, canonical choice
/// and repair of spun copies from their original, then the output files.
///
/// Memory stays small whatever the dump's size: cleaned documents are spooled to a file in the
/// output folder and read back twice (once for the canonical copies that spun copies need,
/// once to write); only each document's signature and a few short fields stay in memory.
public final class DumpCleaner {
    public struct Options: Sendable {
        public var stages: [StageKind] = [.normalize, .strip, .repair]
        public var rules = RuleBook()
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        public var format = RecordFormat.auto
        public var encoding = TextEncoding.utf8
        /// Repair spun copies from their story's canonical copy.
        public var referenceRepair = true

        public init() {}
    }

    /// Counts for `report.json`; read = written + rejected always holds.
    public struct Report: Sendable {
        public var read = 0
        public var written = 0
        public var rejected = 0
        public var stories = 0
        public var storiesWithCopies = 0
        public var spunCopies = 0
        public var referenceRepairedSentences = 0
        public var removedByKind: [String: Int] = [:]
        public var editsByStageAndRule: [String: Int] = [:]
        public var bytesRead = 0
        /// Files in input folders that are not records (not .txt, .jsonl or their .gz).
        public var skippedFiles: [String] = []

        public var json: JSONValue {
            func sorted(_ counts: [String: Int]) -> JSONValue {
                .object(JSONObject(counts.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) }))
            }
            return .object(JSONObject([
                ("documents", .object(JSONObject([("read", JSONValue(read)), ("written", JSONValue(written)), ("rejected", JSONValue(rejected))]))),
                ("bytes_read", JSONValue(bytesRead)),
                ("stories", JSONValue(stories)),
                ("stories_with_copies", JSONValue(storiesWithCopies)),
                ("spun_copies", JSONValue(spunCopies)),
                ("reference_repaired_sentences", JSONValue(referenceRepairedSentences)),
                ("removed_lines_by_kind", sorted(removedByKind)),
                ("edits_by_rule", sorted(editsByStageAndRule)),
            ]))
        }
    }


    let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Runs over `inputs` and writes `documents.jsonl`, `articles.jsonl`, `rejects.jsonl` and
    /// `report.json` into `outputDirectory`. `progress` gets (documents, bytes) now and then.
    public func run(inputs: [String], outputDirectory: String, progress: (Int, Int) -> Void = { _, _ in }) throws -> Report {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: outputDirectory, reason: "cannot create the output folder")
        }
        func path(_ name: String) -> String { URL(fileURLWithPath: outputDirectory).appendingPathComponent(name).path }
        var report = Report()
        let spoolPath = path(".documents.spool.jsonl")
        let spool = try RecordWriter(path: spoolPath, format: .jsonl)
        let rejects = try RecordWriter(path: path("rejects.jsonl"), format: .jsonl)
        let rules = options.rules
        let stages = options.stages
        let runner = try BatchRunner(jobs: options.jobs) { try Pipeline(stages, rules: rules) }
        var signatures: [StorySignature] = []
        var articleFields: [JSONObject] = []

        func reject(_ error: InputError) throws {
            report.rejected += 1
            try rejects.writeLine(.object(JSONObject([
                ("file", .string(error.location.file)), ("line", JSONValue(error.location.line)),
                ("id", error.id.map(JSONValue.string) ?? .null), ("reason", .string(error.reason)),
            ])))
        }

        var batch: [Document] = []
        var batchBytes = 0
        func flush() throws {
            for (document, result) in zip(batch, runner.run(batch)) {
                switch result {
                case .success(let cleaned):
                    signatures.append(StorySignature(document: cleaned))
                    articleFields.append(Self.articleFields(cleaned.metadata))
                    for edit in cleaned.edits { report.editsByStageAndRule["\(edit.stage)/\(edit.rule)", default: 0] += 1 }
                    for removed in cleaned.metadata["removed"]?.arrayValue ?? [] {
                        if let kind = removed.objectValue?["kind"]?.stringValue { report.removedByKind[kind, default: 0] += 1 }
                    }
                    try spool.write(cleaned)
                case .failure(let error):
                    try reject(InputError(location: document.source ?? SourceLocation(file: "?", line: 0), id: document.id, reason: error.reason))
                }
            }
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
            progress(report.read, report.bytesRead)
        }
        let reader = RecordReader(inputs: inputs, format: options.format, encoding: options.encoding)
        for item in reader {
            report.read += 1
            switch item {
            case .success(let document):
                let size = document.text.utf8.count
                report.bytesRead += size
                batchBytes += size
                batch.append(document)
                if batch.count >= 512 || batchBytes >= 32 << 20 { try flush() }
            case .failure(let error):
                try reject(error)
            }
        }
        try flush()
        report.skippedFiles = reader.skippedFiles
        try spool.finish()
        try rejects.finish()

        // Grouping: the reduce step over the signatures alone.
        let assignment = StoryGrouper().group(signatures)
        var members = [[Int]](repeating: [], count: assignment.canonical.count)
        for (index, story) in assignment.story.enumerated() { members[story].append(index) }
        report.stories = members.count
        report.storiesWithCopies = members.filter { $0.count > 1 }.count
        let storyIDs = assignment.canonical.map { "story:" + signatures[$0].id }

        // Canonical copies that copies will be compared with.
        var needed = Set<Int>()
        for (story, list) in members.enumerated() where list.count > 1 { needed.insert(assignment.canonical[story]) }
        var canonicalDocuments: [Int: Document] = [:]
        if options.referenceRepair, !needed.isEmpty {
            for (index, item) in RecordReader(inputs: [spoolPath], format: .jsonl).enumerated() where needed.contains(index) {
                let document = try item.get()
                canonicalDocuments[index] = Document(id: document.id, text: document.text)
            }
        }
        // Members still to be written per story: a story's reference is dropped after its last.
        var remaining = members.map(\.count)

        let documentsOut = try RecordWriter(path: path("documents.jsonl"), format: .jsonl)
        let articlesOut = try RecordWriter(path: path("articles.jsonl"), format: .jsonl)
        let repair = try ReferenceRepair()
        var references: [Int: ReferenceRepair.Reference] = [:]
        for (index, item) in RecordReader(inputs: [spoolPath], format: .jsonl).enumerated() {
            var document = try item.get()
            let story = assignment.story[index]
            let canonicalIndex = assignment.canonical[story]
            document.metadata["story"] = .string(storyIDs[story])
            document.metadata["canonical"] = .bool(canonicalIndex == index)
            if options.referenceRepair, canonicalIndex != index, let reference = canonicalDocuments[canonicalIndex], document.text != reference.text {
                if references[canonicalIndex] == nil { references[canonicalIndex] = repair.reference(reference.text) }
                let alignment = repair.align(copy: document.text, original: references[canonicalIndex]!)
                let ruleJudged = signatures[index].spinScore >= SpinJudgment.minimumPerThousandWords
                if ruleJudged || alignment.changesPerThousandWords >= ReferenceRepair.spunChangesPerThousandWords {
                    report.spunCopies += 1
                    document.metadata["spun"] = .bool(true)
                    let changed = repair.repair(&document, from: reference, alignment: alignment)
                    report.referenceRepairedSentences += changed
                    for edit in document.edits { report.editsByStageAndRule["\(edit.stage)/\(edit.rule.hasPrefix("reference:") ? "reference" : edit.rule)", default: 0] += 1 }
                }
            }
            try documentsOut.write(document)
            report.written += 1
            remaining[story] -= 1
            if remaining[story] == 0 {
                references[canonicalIndex] = nil
                canonicalDocuments[canonicalIndex] = nil
            }
            if canonicalIndex == index {
                try articlesOut.write(article(document, story: storyIDs[story], members: members[story].map { signatures[$0].id },
                    fields: members[story].map { articleFields[$0] }))
            }
        }
        try documentsOut.finish()
        try articlesOut.finish()
        try? fileManager.removeItem(atPath: spoolPath)
        let reportOut = try RecordWriter(path: path("report.json"), format: .jsonl)
        try reportOut.writeLine(report.json)
        try reportOut.finish()
        return report
    }

    /// The canonical article of a story: the canonical copy's body, its metadata, with fields it
    /// lacks taken from the other members, first found in input order.
    private func article(_ canonical: Document, story: String, members: [String], fields: [JSONObject]) -> Document {
        var metadata = JSONObject()
        var builtFrom = [canonical.id]
        for key in ["byline", "dateline", "date", "captions", "credits", "source", "headings"] {
            if let value = canonical.metadata[key], value != .array([]) {
                metadata[key] = value
                continue
            }
            for (member, memberFields) in zip(members, fields) where member != canonical.id {
                if let value = memberFields[key], value != .array([]) {
                    metadata[key] = value
                    if !builtFrom.contains(member) { builtFrom.append(member) }
                    break
                }
            }
        }
        metadata["members"] = .array(members.map(JSONValue.string))
        metadata["built_from"] = .array(builtFrom.map(JSONValue.string))
        return Document(id: story, text: canonical.text, metadata: metadata)
    }

    private static func articleFields(_ metadata: JSONObject) -> JSONObject {
        JSONObject(["byline", "dateline", "date", "captions", "credits", "source", "headings"].compactMap { key in
            metadata[key].map { (key, $0) }
        })
    }
}
