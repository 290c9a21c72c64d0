import ArgumentParser
import Foundation
import Unspun

/// The steps of `clean` that an engine (Spark, Dask, Ray, Beam) runs where its data is: each
/// reads JSONL requests on standard input and answers each with one JSONL line, so that one
/// process serves a whole partition. Sources/Integrations/spark drives them.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Clean records as `clean` does in its first pass, for an engine that shards the dump.",
        discussion: """
            Each line of standard input names one record: {"file": F, "line": N, "record": "<the \
            JSONL line as a string>"} for a line of a JSONL file, or {"file": F, "id": ID, "text": \
            "<the whole file>"} for a text file (a folder names its files by their relative path). \
            Each gets one line back, in order:
              {"document": "<the cleaned record, a JSON line as a string>", "signature": {as \
            group --emit-keys writes it}, "line_keys": [...], "blank": false, "edits": [...], \
            "removed": [...], "limited": [...], "bytes": N}
            or {"rejected": {"file", "line", "id", "reason"}, "bytes": N}. The next steps are \
            `unspun group --assign` and `unspun story`; README, "Beyond one machine", shows the \
            data flow.

            EXAMPLES
              unspun map --unbuffered < requests.jsonl > mapped.jsonl
              unspun map --no-classifier --rules Rules < requests.jsonl
            """
    )

    @OptionGroup var rules: RuleOptions
    @OptionGroup var repair: RepairOptions
    @OptionGroup var classifier: ClassifierOptions

    @Option(help: "Encoding of the records: utf-8, latin-1 or windows-1252.")
    var encoding: TextEncoding = .utf8

    @Flag(help: "Let through texts that look like HTML (otherwise rejected: extract their text first).")
    var allowMarkup = false

    @Flag(help: "Flush the answer to each request before reading the next.")
    var unbuffered = false

    func run() throws {
        let step = try MapStep(
            stages: DumpCleaner.Options().stages, rules: rules.ruleBook(repair: repair, classifier: classifier), encoding: encoding, allowMarkup: allowMarkup)
        try EngineRequests.serve(unbuffered: unbuffered) { request in
            guard let file = request["file"]?.stringValue else { return nil }
            if let record = request["record"]?.stringValue, let line = request["line"]?.numberText.flatMap({ Int($0) }) {
                return step.map(record: Array(record.utf8), file: file, line: line)
            }
            if let id = request["id"]?.stringValue, let text = request["text"]?.stringValue { return step.map(text: Array(text.utf8), file: file, id: id) }
            return nil
        }
    }
}

struct StoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story",
        abstract: "Finish one story as `clean` does: repair spun copies from the canonical copy, write the article.",
        discussion: """
            Each line of standard input is one story: {"canonical": K, "members": ["<a document \
            as unspun map wrote it>", ...], "line_counts": [[KEY, DOCUMENTS, STORIES], ...]}, the \
            members in input order, K the index of the canonical one (from `unspun group \
            --assign`), and line_counts the dump-wide counts of the members' line keys that stand \
            in more than --repeated-documents documents (for the repetition cue; [] when off). \
            With --line-counts, the dump's counts come from that file instead (line_counts can \
            be []): reference repair can bring back a line that no member held before it, and \
            clean removes it if it repeats across the dump. Each gets one line back: {"documents": ["<a line of documents.jsonl>", ...], \
            "article": "<its line of articles.jsonl>", "report": {what it adds to report.json}}.

            EXAMPLES
              unspun story --unbuffered < stories.jsonl > finished.jsonl
              unspun story --no-repeated-lines < stories.jsonl
              unspun story --line-counts line-counts.tsv < stories.jsonl
            """
    )

    @OptionGroup(title: "Repetition cue")
    var repeated: RepeatedLineOptions

    @Option(help: ArgumentHelp("The dump's line counts, for every story (a line-counts.tsv, as clean writes it).", valueName: "file"))
    var lineCounts: String?

    @Flag(help: "Flush the answer to each request before reading the next.")
    var unbuffered = false

    func run() throws {
        let step = try StoryStep(repeatedLines: repeated.settings)
        if let lineCounts {
            step.lineCounts = try Self.counts(lineCounts, for: repeated.settings)
        }
        try EngineRequests.serve(unbuffered: unbuffered, step.answer)
    }
}

extension StoryCommand {
    /// The file's counts, refused where they cannot give `clean`'s result: the file holds only
    /// the lines that passed the thresholds of the run that wrote it, so looser ones would miss
    /// lines (stricter ones only drop some).
    static func counts(_ path: String, for settings: LineCounts.Settings?) throws -> [UInt32: LineCounts.Count] {
        let file: LineCounts
        do {
            file = try LineCounts(path: path)
        } catch {
            throw ValidationError(error.description)
        }
        guard let settings else { throw ValidationError("--line-counts gives the repetition cue its counts: it cannot go with --no-repeated-lines") }
        let written = file.settings
        guard settings.minimumDocuments >= written.minimumDocuments, settings.minimumStories >= written.minimumStories else {
            throw ValidationError(
                "\(path) keeps only the lines of the run that wrote it (--repeated-documents \(written.minimumDocuments) --repeated-stories \(written.minimumStories)); "
                    + "--repeated-documents \(settings.minimumDocuments) --repeated-stories \(settings.minimumStories) would need lines it left out: pass thresholds at least as high")
        }
        return file.counts
    }
}

/// `unspun group --assign`: grouping over one component of the candidate graph.
enum AssignRequests {
    static func serve(unbuffered: Bool) throws {
        try EngineRequests.serve(unbuffered: unbuffered, StoryAssigner.answer)
    }
}

/// The request loop the engine steps share: a JSON object a line in, one line out per line in.
enum EngineRequests {
    /// `answer` returns nil for a request it cannot read, which stops the process (exit 1): the
    /// engine's task fails and is retried or reported, never answered wrongly.
    static func serve(unbuffered: Bool, _ answer: (JSONObject) throws -> JSONValue?) throws {
        let writer = RecordWriter(format: .jsonl)
        var number = 0
        while let line = readLine(strippingNewline: true) {
            number += 1
            guard !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else { continue }
            let request = try? JSONParser.parse(line)
            guard let object = request?.objectValue, let reply = try answer(object) else {
                Diagnostics.error("<stdin>:\(number): not a request this command reads (see its --help)")
                throw Exit.failure
            }
            try writer.writeLine(reply)
            if unbuffered { try writer.flush() }
        }
        try writer.finish()
    }
}
