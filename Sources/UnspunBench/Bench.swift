// Throughput figures for `make bench` (release build). Nothing here is a test: it prints MB/s.
//
//   UnspunBench [--corpus wcxb.jsonl.gz] [--rules Rules] [--mb 100]
//   UnspunBench --group-keys keys.jsonl [--group-keys more.jsonl ...]
//
// Builds a JSONL file of news text (the corpus's gold articles, else the bundled seeds, repeated
// to --mb megabytes), then times on one core (by the thread's CPU seconds, wall beside): raw ICU
// word breaking, each stage, and the repair stage with 100 and with all science rules; then the
// `unspun` binary end to end. With --group-keys, only grouping (the reduce step of `clean`) on one
// core, over the signatures `unspun group --emit-keys` wrote for each file: its cost per document
// at each dump size, to see that it grows linearly.
import Foundation
@_spi(Text) @_spi(Rules) import Unspun

struct Options {
    var corpus: String?
    var rules = "Rules"
    var megabytes = 100
    var binary = ".build/release/unspun"
    /// Run only the matcher over every line with this many science rules ("all" for the pack),
    /// once, for an instruction count under `valgrind --tool=callgrind`.
    var matcherRules: String?
    /// Signature files (`unspun group --emit-keys`) to time grouping on, one after another.
    var groupKeys: [String] = []

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--corpus": corpus = iterator.next()
            case "--rules": rules = iterator.next() ?? rules
            case "--mb": megabytes = Int(iterator.next() ?? "") ?? megabytes
            case "--binary": binary = iterator.next() ?? binary
            case "--matcher-rules": matcherRules = iterator.next()
            case "--group-keys": groupKeys.append(iterator.next() ?? "")
            default:
                print("unknown argument \(argument)")
                exit(64)
            }
        }
    }
}

/// Article texts: the corpus's reviewed gold texts when given, else the seeds.
func articleTexts(_ options: Options) throws -> [String] {
    if let corpus = options.corpus, FileManager.default.fileExists(atPath: corpus) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", corpus]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            (try? JSONParser.parse(String(line)))?.objectValue?["gold"]?.stringValue
        }
    }
    let seeds = "Fixtures/seeds"
    return try FileManager.default.contentsOfDirectory(atPath: seeds).filter { $0.hasSuffix(".txt") }.sorted().map {
        try String(contentsOfFile: "\(seeds)/\($0)", encoding: .utf8)
    }
}

/// A run's CPU seconds (this thread's, or the children's when `children`) and wall seconds.
/// Rates come from CPU time: on a shared machine other load stretches the wall clock (2x here
/// between hours) far more than it does the work's own CPU time.
struct Timing {
    var cpu: Double
    var wall: Double
}

func timed(children: Bool = false, _ body: () throws -> Void) rethrows -> Timing {
    func cpuNow() -> Double {
        if children {
            var usage = rusage()
            getrusage(RUSAGE_CHILDREN.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
    let (cpu, wall) = (cpuNow(), DispatchTime.now().uptimeNanoseconds)
    try body()
    return Timing(cpu: cpuNow() - cpu, wall: Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9)
}

func row(_ name: String, bytes: Int, timing: Timing, note: String = "") {
    let rate = Double(bytes) / 1e6 / timing.cpu
    let label = name.padding(toLength: 52, withPad: " ", startingAt: 0)
    print("  \(label) \(String(format: "%7.1f MB/s  %6.2f s CPU  %6.2f s wall", rate, timing.cpu, timing.wall))  \(note)")
}

/// A whole pipeline timed like one stage.
final class PipelineStage: Stage {
    let name = "pipeline"
    private let pipeline: Pipeline

    init(_ pipeline: Pipeline) { self.pipeline = pipeline }

    func process(_ document: inout Document) throws(StageError) {
        document = try pipeline.process(document).get()
    }
}

@main
enum Bench {
    static func main() throws {
        let options = Options(CommandLine.arguments)
        if !options.groupKeys.isEmpty {
            try timeGrouping(options.groupKeys)
            return
        }
        let texts = try articleTexts(options)
        guard !texts.isEmpty else {
            print("no article texts found")
            exit(1)
        }
        var built: [Document] = []
        var builtBytes = 0
        while builtBytes < options.megabytes << 20 {
            let text = texts[built.count % texts.count]
            built.append(Document(id: "doc-\(built.count)", text: text))
            builtBytes += text.utf8.count
        }
        let documents = built
        let totalBytes = builtBytes
        try FileManager.default.createDirectory(atPath: "bench-data", withIntermediateDirectories: true)
        let jsonlPath = "bench-data/news.jsonl"
        var jsonlBytes: [UInt8] = []
        jsonlBytes.reserveCapacity(totalBytes + totalBytes / 10)
        for document in documents {
            JSONWriter.write(.object(document.outputRecord()), into: &jsonlBytes)
            jsonlBytes.append(0x0A)
        }
        let jsonl = jsonlBytes
        _ = FileManager.default.createFile(atPath: jsonlPath, contents: Data(jsonl))
        print(
            "news text: \(documents.count) documents, \(String(format: "%.1f", Double(totalBytes) / 1e6)) MB of text "
                + "(\(texts.count) distinct articles from \(options.corpus ?? "the seeds")), ICU \(UnicodeText.icuVersion)")
        print("one core, in process:")

        if let count = options.matcherRules {
            let science = try RuleBook(directory: options.rules, packs: ["science"]).phraseRules()
            let rules = count == "all" ? science : (0..<(Int(count) ?? 100)).map { science[$0 * (science.count / (Int(count) ?? 100))] }
            let stage = try RepairStage(rules: rules, linePrefilter: false)
            var edits = 0
            for document in documents {
                var copy = document
                try stage.process(&copy)
                edits += copy.edits.count
            }
            print("matcher only: \(rules.count) rules, \(edits) edits")
            return
        }
        let breaker = try WordBreaker(locale: "en")
        var tokenCount = 0
        let icuTime = timed {
            for document in documents {
                var text = document.text
                tokenCount += text.withUTF8 { breaker.tokens(in: $0).count }
            }
        }
        row("ICU word breaking, kinds from text", bytes: totalBytes, timing: icuTime, note: "\(tokenCount) tokens")
        let exactBreaker = try WordBreaker(locale: "en", exactKinds: true)
        let exactTime = timed {
            for document in documents {
                var text = document.text
                tokenCount += text.withUTF8 { exactBreaker.tokens(in: $0).count }
            }
        }
        row("ICU word breaking with ICU rule statuses", bytes: totalBytes, timing: exactTime)

        /// Best of three runs (by CPU time): the machine's other load only ever adds time.
        @discardableResult
        func timeStage(_ name: String, _ stage: any Stage) throws -> Double {
            var edits = 0
            var best = Timing(cpu: .infinity, wall: .infinity)
            for _ in 0..<3 {
                edits = 0
                let time = try timed {
                    for document in documents {
                        var copy = document
                        try stage.process(&copy)
                        edits += copy.edits.count
                    }
                }
                if time.cpu < best.cpu { best = time }
            }
            row(name, bytes: totalBytes, timing: best, note: "\(edits) edits")
            return best.cpu
        }

        let book = RuleBook(directory: options.rules)
        try timeStage("normalize", NormalizeStage())
        try timeStage("strip (rules and line classifier)", try StripStage(rules: try book.stripRules(), model: try book.lineModel()))
        try timeStage("strip --page-metadata", try StripStage(rules: try book.stripRules(), model: try book.lineModel(), readsPageMetadata: true))
        let pipeline = try Pipeline([.normalize, .strip, .repair], rules: book)
        try timeStage("normalize + strip + repair, in a row", PipelineStage(pipeline))
        let spinRules = try book.phraseRules()
        try timeStage("repair, spin.rules (\(spinRules.count) rules)", try RepairStage(rules: spinRules))
        var withRestorer = book
        withRestorer.languageModel = "default"
        if let restorer = try withRestorer.spinRestorer() {
            try timeStage("repair, spin.rules + restorer (--lm default)", try RepairStage(rules: spinRules, restorer: restorer))
        }
        if book.file("science") != nil {
            let science = try RuleBook(directory: options.rules, packs: ["science"]).phraseRules()
            // 100 rules spread over the pack, so that both sets draw on the same kinds of phrase.
            let stride = science.count / 100
            let small = (0..<100).map { science[$0 * stride] }
            try timeStage("repair, spin + science pack (\(science.count) rules)", try RepairStage(rules: science))
            print("  matcher cost alone (every line tokenized, no prefilter):")
            let smallTime = try timeStage("    100 rules", try RepairStage(rules: small, linePrefilter: false))
            let fullTime = try timeStage("    \(science.count) rules", try RepairStage(rules: science, linePrefilter: false))
            print(String(format: "    %d rules cost %+.1f%% over 100 rules", science.count, (fullTime / smallTime - 1) * 100))
        }

        print("the unspun binary, end to end on \(jsonlPath) (read, parse, stage, write):")
        func timeBinary(_ arguments: [String], label: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: options.binary)
            process.arguments = arguments + [jsonlPath]
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            let time = try timed(children: true) {
                try process.run()
                process.waitUntilExit()
            }
            guard process.terminationStatus == 0 else {
                print("  \(label): exit \(process.terminationStatus)")
                return
            }
            row(label, bytes: jsonl.count, timing: time, note: "JSONL bytes; CPU of all its threads")
        }
        try timeBinary(["normalize", "--jobs", "1"], label: "unspun normalize --jobs 1")
        try timeBinary(["normalize"], label: "unspun normalize (all cores)")
        try timeBinary(["repair", "--jobs", "1", "--rules", options.rules], label: "unspun repair --jobs 1")

    }
}

/// Grouping alone on one core, best of three, per signature file: seconds of CPU and
/// microseconds per document.
func timeGrouping(_ paths: [String]) throws {
    print("grouping (StoryGrouper, one core, best of three):")
    for path in paths {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let signatures = try text.split(separator: "\n").map { line in
            guard let signature = StorySignature(json: try JSONParser.parse(String(line))) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
            }
            return signature
        }
        var best = Timing(cpu: .infinity, wall: .infinity)
        var stories = 0
        for _ in 0..<3 {
            let timing = timed { stories = StoryGrouper(jobs: 1).group(signatures).canonical.count }
            if timing.cpu < best.cpu { best = timing }
        }
        let perDocument = best.cpu / Double(signatures.count) * 1e6
        var label = "\(path): \(signatures.count) documents, \(stories) stories"
        label += String(repeating: " ", count: max(0, 64 - label.count))
        print("  \(label) \(String(format: "%6.2f s CPU  %6.2f s wall  %5.2f µs per document", best.cpu, best.wall, perDocument))")
    }
}
