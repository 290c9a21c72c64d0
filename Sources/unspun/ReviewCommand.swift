import ArgumentParser
import Foundation
import Unspun

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Write a static HTML page to review what `clean` removed and changed in a dump.",
        discussion: """
            Reads OUT_DIR (documents.jsonl, report.json, rejects.jsonl, as `unspun clean` writes \
            them) and writes one self-contained HTML file (no network, scripts or fonts from \
            elsewhere): a summary with charts; each document's input text, rebuilt from its \
            change record, with removed lines struck through (kind and rule) and repairs \
            highlighted (rule and the input's wording on hover), beside its metadata; each story's \
            members, the canonical copy marked, and each spun copy's repairs side by side; search \
            by id and filters by kind, rule and spun copies. Documents are stored compressed and \
            unpacked in the browser only when shown.

            EXAMPLES
              unspun clean Fixtures/seeds --out out/ && unspun review out/
              unspun review out/ --html /tmp/review.html
            """
    )

    @Argument(help: "A folder written by `unspun clean`.")
    var outDir: String

    @Option(help: ArgumentHelp("Where to write the page (default: OUT_DIR/review.html).", valueName: "file"))
    var html: String?

    func run() throws {
        let path = html ?? URL(fileURLWithPath: outDir).appendingPathComponent("review.html").path
        guard FileManager.default.fileExists(atPath: URL(fileURLWithPath: outDir).appendingPathComponent("documents.jsonl").path) else {
            throw ValidationError("\(outDir) holds no documents.jsonl; run `unspun clean ... --out \(outDir)` first")
        }
        do {
            let summary = try ReviewPage.write(folder: outDir, to: path)
            Diagnostics.write(
                "unspun: \(path): \(summary.documents) documents, \(summary.bytes) bytes "
                    + "(\(summary.bytes / max(summary.documents, 1)) per document)\n")
        } catch let error as OutputError {
            Diagnostics.error(error.description)
            throw Exit.failure
        }
    }
}
