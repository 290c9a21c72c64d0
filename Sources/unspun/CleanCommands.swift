import ArgumentParser
import Foundation
import Unspun

/// The repetition cue's thresholds (see `LineCounts.Settings`).
struct RepeatedLineOptions: ParsableArguments {
    @Option(help: "A repeated line stands in at least this many documents of other stories.")
    var repeatedDocuments = LineCounts.Settings().minimumDocuments

    @Option(help: "... of at least this many stories other than the document's own.")
    var repeatedStories = LineCounts.Settings().minimumStories

    @Flag(help: "Keep lines that repeat across stories (turns the repetition cue off).")
    var noRepeatedLines = false

    func validate() throws {
        guard repeatedDocuments >= 1, repeatedStories >= 1 else { throw ValidationError("--repeated-documents and --repeated-stories must be at least 1") }
    }

    var settings: LineCounts.Settings? {
        guard !noRepeatedLines else { return nil }
        var settings = LineCounts.Settings()
        settings.minimumDocuments = repeatedDocuments
        settings.minimumStories = repeatedStories
        return settings
    }
}

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Run every stage over a dump: documents, one article per story, and a report.",
        discussion: """
            Runs normalize, strip and repair on every core, groups the copies of each story, \
            repairs spun copies from their story's canonical copy (rule reference:<id>), and \
            writes into --out:
              documents.jsonl  every document, cleaned, with metadata and change record
              articles.jsonl   one canonical article per story, with the story's fields
              rejects.jsonl    each record that could not be processed, and why
              report.json      read = written + rejected, removed lines, edits by rule
              line-counts.tsv  the lines repeated across stories (for strip --line-counts)
            A line that stands in at least --repeated-documents documents of at least \
            --repeated-stories stories other than its own document's is site or feed \
            boilerplate and is removed (kind: repeated in metadata.removed, with its counts).
            Output files appear under their final names only when complete; a new run first \
            removes the outputs of an earlier one in --out, and one run at a time holds the \
            folder (OUT/.lock names its process). An interrupted run (Ctrl-C, kill, full disk) \
            leaves a checkpoint in --out from its first moment; run the same command with \
            --resume to continue it without losing or repeating a record (inputs that changed \
            since are refused). Ids must be unique in a run, and compare as text: 5 and "5" are \
            one id. On a terminal a progress line shows the step, share done, rate and ETA; \
            otherwise one summary line at the end gives the counts, MB/s and the seconds of each \
            step.

            EXAMPLES
              unspun clean Fixtures/seeds --out out/
              unspun clean dump.jsonl.gz more/ --out cleaned/ --jobs 2
              unspun clean dump.jsonl.gz more/ --out cleaned/ --jobs 2 --resume
            """
    )

    @OptionGroup var records: RecordOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var repair: RepairOptions
    @OptionGroup var classifier: ClassifierOptions

    @Option(help: "Folder for documents.jsonl, articles.jsonl, rejects.jsonl and report.json.")
    var out: String

    @Flag(help: "No progress or summary line on standard error.")
    var quiet = false

    @Flag(help: "Continue the interrupted run in --out (same inputs and options) where it stopped.")
    var resume = false

    @OptionGroup(title: "Repetition cue")
    var repeated: RepeatedLineOptions

    @Option(help: ArgumentHelp("Records per batch, and so per checkpoint.", visibility: .hidden))
    var batchSize = DumpCleaner.Options().batchSize

    func run() throws {
        var cleanerOptions = DumpCleaner.Options()
        cleanerOptions.rules = rules.ruleBook(repair: repair, classifier: classifier)
        cleanerOptions.jobs = records.jobs ?? cleanerOptions.jobs
        cleanerOptions.format = records.readFormat
        cleanerOptions.encoding = records.encoding
        cleanerOptions.allowMarkup = records.allowMarkup
        cleanerOptions.resume = resume
        cleanerOptions.batchSize = max(1, batchSize)
        cleanerOptions.maximumRecordBytes = records.maximumRecordBytes
        cleanerOptions.repeatedLines = repeated.settings
        let started = Date()
        let report: DumpCleaner.Report
        let steps: String
        do {
            // On a terminal, a progress line that rewrites itself after every batch.
            let meter = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) != 0)
            report = try DumpCleaner(options: cleanerOptions).run(inputs: records.inputs, outputDirectory: out, progress: meter.show)
            steps = meter.end()
        } catch let error as PipelineError {
            Diagnostics.error(error.description)
            throw error.isRuleError ? Exit.badRules : Exit.failure
        } catch let error as OutputError {
            Diagnostics.error(error.description)
            if !error.reason.contains("resume"),
                FileManager.default.fileExists(atPath: URL(fileURLWithPath: out).appendingPathComponent(".checkpoint.json").path)
            {
                Diagnostics.note("the run stopped at a checkpoint: fix the cause and run the same command with --resume to continue it")
            }
            throw Exit.failure
        } catch {
            Diagnostics.error("\(error)")
            throw Exit.failure
        }
        if !quiet {
            Diagnostics.noteSkipped(report.skippedFiles, notes: report.notes)
            let seconds = Date().timeIntervalSince(started)
            let megabytes = Double(report.bytesRead) / 1e6
            func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
            Diagnostics.write(
                "unspun: \(report.read) read, \(report.written) written, \(report.rejected) rejected; \(count(report.stories, "story", "stories")) "
                    + "(\(report.storiesWithCopies) with copies, \(count(report.spunCopies, "spun copy", "spun copies")) repaired from their original); "
                    + String(format: "%.1f MB in %.1f s (%.1f MB/s: ", megabytes, seconds, megabytes / max(seconds, 1e-9)) + steps + ")\n")
        }
        if report.rejected > 0 { throw Exit.rejected }
    }
}

struct MineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mine",
        abstract: "Turn the reference repairs of a `clean` run into candidate spin rules.",
        discussion: """
            Reads DIR/documents.jsonl, word-diffs every sentence a spun copy took from its \
            original (edits with rule reference:<id>), counts the short phrases that were \
            swapped, and prints them as spin.rules blocks (class spun, with an example each). \
            Review them, then add the good ones to Rules/<lang>/spin.rules.

            EXAMPLES
              unspun clean dump.jsonl --out out/ && unspun mine out/ > mined.rules
              unspun mine out/ --min-count 3
            """
    )

    @Argument(help: "A folder written by `unspun clean`.")
    var directory: String

    @Option(help: "Print only substitutions seen at least this many times.")
    var minCount = 1

    func run() throws {
        let path = URL(fileURLWithPath: directory).appendingPathComponent("documents.jsonl").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(path) does not exist; run `unspun clean ... --out \(directory)` first")
        }
        var miner = SubstitutionMiner()
        var rejected = 0
        for item in RecordReader(inputs: [path], format: .jsonl, allowMarkup: true) {
            switch item {
            case .success(let document):
                for edit in document.allEdits where edit.rule.hasPrefix("reference:") {
                    miner.add(spunSentence: edit.before, originalSentence: edit.after)
                }
            case .failure(let error):
                rejected += 1
                Diagnostics.error(error.description)
            }
        }
        print(try miner.rulesText(minimumCount: minCount), terminator: "")
        if rejected > 0 { throw Exit.rejected }
    }
}
