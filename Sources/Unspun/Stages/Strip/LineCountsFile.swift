import Foundation

/// `line-counts.tsv`, which `clean` writes into its output folder so that `unspun strip
/// --line-counts FILE` can use the repetition cue on documents of the same site or feed in a
/// pipe: one repeated line a row, `key<TAB>documents<TAB>stories` (the key in hex, as
/// `LineCounts.key` gives it), after a header that names the settings.
extension LineCounts {
    static let header = "# unspun line counts: line key (hex), documents, stories"

    public func write(to path: String) throws {
        var text = Self.header + "\n# settings: minimum-documents \(settings.minimumDocuments) minimum-stories \(settings.minimumStories)\n"
        for (key, count) in counts.sorted(by: { $0.key < $1.key }) where count.stories - 1 >= settings.minimumStories {
            text += String(key, radix: 16) + "\t\(count.documents)\t\(count.stories)\n"
        }
        let writer = try RecordWriter(path: path, format: .jsonl)
        try writer.write(encoded: Array(text.utf8))
        try writer.finish()
    }

    /// Reads a file `write` made; a malformed row is an error naming the file and line.
    public init(path: String) throws(InputError) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(location: SourceLocation(file: path, line: 0), id: nil, reason: "cannot read the line counts (a line-counts.tsv that clean wrote)")
        }
        var counts: [UInt32: Count] = [:]
        var settings = Settings()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let location = SourceLocation(file: path, line: index + 1)
            if line.hasPrefix("#") {
                let words = line.split(separator: " ")
                if words.count == 6, words[1] == "settings:", let documents = Int(words[3]), let stories = Int(words[5]) {
                    settings.minimumDocuments = documents
                    settings.minimumStories = stories
                }
                continue
            }
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let key = UInt32(fields[0], radix: 16), let documents = Int(fields[1]), let stories = Int(fields[2]) else {
                throw InputError(location: location, id: nil, reason: "expected 'key<TAB>documents<TAB>stories' (key in hex), found '\(line.prefix(80))'")
            }
            counts[key] = Count(documents: documents, stories: stories)
        }
        self.init(counts: counts, settings: settings)
    }
}
