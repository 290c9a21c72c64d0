// A program of another package that cleans a dump with a stage of its own between Unspun's:
// `consumer DUMP OUT_DIR`. It checks what it prints, so `make consumer-test` fails when the
// released library cannot do this.
import Foundation
import Unspun

/// The consumer's own stage: counts the quoted passages of each document into
/// `metadata.quotations` (a field its downstream filter reads). Changes no text.
final class QuotationCount: Stage {
    let name = "quotation-count"

    func process(_ document: inout Document) throws(StageError) {
        let opening = document.text.unicodeScalars.filter { $0 == "\u{201C}" || $0 == "\"" }.count
        document.metadata["quotations"] = JSONValue(opening)
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    print("usage: consumer DUMP OUT_DIR")
    exit(64)
}
var options = DumpCleaner.Options()
options.rules = RuleBook(directory: RuleBook.locateDefault())
options.stages = [StageKind.normalize, StageKind.strip, CustomStage(name: "quotation-count") { _ in QuotationCount() }, StageKind.repair]
let report: DumpCleaner.Report
do {
    report = try DumpCleaner(options: options).run(inputs: [arguments[1]], outputDirectory: arguments[2])
} catch {
    print("clean failed: \(error)")
    exit(1)
}
print("unspun \(UnspunVersion.current): \(report.read) read, \(report.written) written, \(report.stories) stories, \(report.spunCopies) spun copies repaired")

// Every document carries the consumer's field, written by Unspun's own writer.
let documents = try String(contentsOfFile: arguments[2] + "/documents.jsonl", encoding: .utf8).split(separator: "\n")
let counted = documents.filter { $0.contains(#""quotations":"#) }.count
print("\(counted) of \(documents.count) documents carry metadata.quotations")
guard report.written == report.read, report.read > 0, counted == documents.count else { exit(1) }
