// Unspun as a preprocessing step inside another Swift program: build a pipeline, feed it
// documents, read back the cleaned text and the record of every change. Uses only the public API.
import Foundation
import Unspun

let rulesFolder = RuleBook.locateDefault()
let pipeline: Pipeline
do {
    pipeline = try Pipeline([.normalize, .repair], rules: RuleBook(directory: rulesFolder))
} catch {
    print("cannot build the pipeline: \(error)")
    exit(1)
}

let documents = [
    Document(id: "scraped-1", text: "Putin said he\u{E2}\u{20AC}\u{2122}d \u{201C}take a seat down\u{201D} with\u{A0}Kyiv &amp; Washington.\r\n"),
    Document(id: "scraped-2", text: "Markets rose on the fastest pace since 2022, traders said. They could tug back soon."),
    Document(id: "clean-3", text: "Nothing to repair here."),
]

/// JSON quoting shows invisible characters and line ends.
func quoted(_ text: String) -> String { JSONWriter.string(.string(text)) }

var changed = 0
for document in documents {
    switch pipeline.process(document) {
    case .success(let cleaned):
        print("\(cleaned.id): \(cleaned.text)")
        for edit in cleaned.edits {
            print("  \(edit.stage)/\(edit.rule): \(quoted(edit.before)) -> \(quoted(edit.after))")
        }
        // The change record rebuilds the input exactly.
        guard EditLog.rebuildOriginal(text: cleaned.text, edits: cleaned.edits) == document.text else {
            print("  change record does not rebuild the input")
            exit(1)
        }
        changed += cleaned.edits.isEmpty ? 0 : 1
    case .failure(let error):
        print("\(document.id) rejected: \(error)")
        exit(1)
    }
}
print("\(documents.count) documents, \(changed) changed")
// The example is also a check in `make test`: these two must have been repaired.
if changed != 2 { exit(1) }
