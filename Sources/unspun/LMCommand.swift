import ArgumentParser
import Foundation
import Unspun

struct LMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lm",
        abstract: "Build and inspect the n-gram language model that repair's spin restorer scores with.",
        subcommands: [Build.self, Info.self]
    )

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count the unigrams, bigrams and trigrams of clean text into a memory-mapped model file.",
            discussion: """
                Reads the `text` of every record (files, folders or standard input, as the stages do). \
                The model holds about 11 bytes per distinct n-gram; counting needs about 60 bytes each \
                in memory. Use it with `unspun repair --lm FILE` (or put it at Rules/en/news.lm for `--lm default`).

                EXAMPLES
                  unspun lm build wire.jsonl.gz --out my.lm --header "Our wire, 2020-2025"
                """
        )

        @Argument(help: "Files or directories of clean text (.jsonl, .jsonl.gz, .txt, .txt.gz); none or '-' reads standard input.")
        var inputs: [String] = []

        @Option(help: "Where to write the model.")
        var out: String

        @Option(help: "The model's description: its corpus, licence and attribution (shown by `lm info`).")
        var header = ""

        func run() throws {
            var builder = LanguageModelBuilder()
            for element in RecordReader(inputs: inputs) {
                switch element {
                case .success(let document): builder.add(document.text)
                case .failure(let error): Diagnostics.write("unspun: \(error)\n")
                }
            }
            try builder.write(to: out, header: header)
            Diagnostics.write("unspun: \(builder.documents) documents, \(builder.tokens) tokens, \(builder.distinctNgrams) distinct n-grams -> \(out)\n")
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a model's header, size and load time.")

        @Argument(help: "The model file.")
        var file: String

        func run() throws {
            let start = Date()
            let model = try LanguageModel(path: file)
            let seconds = Date().timeIntervalSince(start)
            print(model.header)
            print("tokens \(model.tokens), slots \(model.slotCount) (\((model.slotCount * 8) >> 20) MB), loaded in \(String(format: "%.3f", seconds)) s")
        }
    }
}
