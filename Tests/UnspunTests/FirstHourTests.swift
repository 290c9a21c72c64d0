import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// What a new user meets in the first hour: --version, -o, separate input and output formats,
/// no metadata dropped without a word, HTML refused with advice, options only where they act,
/// and messages that say what to do.
@Suite struct FirstHourTests {
    static let story = "The council voted on Tuesday to rebuild the bridge. Work starts in May and should take two years."

    @Test func versionNamesThePackageICUAndTheRules() throws {
        let run = try Run(["--version"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "unspun \(UnspunVersion.current) (ICU \(UnspunVersion.icu))", "\(run.stdout)")
        // The rules the binary found (its resource bundle here), each file with its fingerprint.
        #expect(lines.dropFirst().first?.hasPrefix("rules: ") == true && lines.dropFirst().first?.hasSuffix("_UnspunRules.resources") == true, "\(run.stdout)")
        #expect(lines.contains { $0.range(of: #"^  en/spin\.rules [0-9a-f]{8}$"#, options: .regularExpression) != nil }, "\(run.stdout)")
    }

    /// A binary copied with its resource bundle finds its rules there, found on the PATH as well;
    /// copied alone, it says where it looked instead of reading the source checkout's.
    @Test func aCopiedBinaryFindsTheRulesOfItsBundleOnly() throws {
        let folder = try Repo.temporaryDirectory()
        let withBundle = folder.appendingPathComponent("with")
        let alone = folder.appendingPathComponent("alone")
        let built = Repo.binary.deletingLastPathComponent()
        let bundle = try #require(try FileManager.default.contentsOfDirectory(atPath: built.path).first { $0.hasSuffix("_UnspunRules.resources") })
        for target in [withBundle, alone] {
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Repo.binary, to: target.appendingPathComponent("unspun"))
        }
        try FileManager.default.copyItem(at: built.appendingPathComponent(bundle), to: withBundle.appendingPathComponent(bundle))
        let input = Data("We want to take a seat down.\n".utf8)
        let onPath = try Run(["-c", "unset UNSPUN_RULES; PATH=\(withBundle.path):/usr/bin:/bin; cd /; unspun repair"], input: input, shell: "exec /bin/sh \"$@\"")
        #expect(onPath.status == 0 && onPath.stdout == "We want to sit down.\n", "\(onPath.stderr)")
        let lonely = try Run(["-c", "unset UNSPUN_RULES; exec \(alone.path)/unspun repair"], input: input, shell: "exec /bin/sh \"$@\"")
        #expect(lonely.status == 64, "\(lonely.stderr)")
        #expect(lonely.stderr.contains("no rules folder found (looked in \(folder.path)/share/unspun/Rules)"), "\(lonely.stderr)")
    }

    @Test func outputFileIsWrittenWholeAndCompressedWhenNamedGz() throws {
        let folder = try Repo.temporaryDirectory()
        let plain = try Run(["normalize", "--output-format", "jsonl", Repo.seeds.path])
        let file = folder.appendingPathComponent("n.jsonl.gz")
        let run = try Run(["normalize", "--output-format", "jsonl", Repo.seeds.path, "-o", file.path])
        #expect(run.status == 0 && run.stdout.isEmpty)
        let bytes = try Data(contentsOf: file)
        #expect(bytes.starts(with: [0x1F, 0x8B]))
        let readBack = try Run(["normalize", file.path])
        #expect(readBack.stdout == plain.stdout)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".partial"))
    }

    @Test func plainTextInCanBecomeJSONLOut() throws {
        let run = try Run(["repair", "--input-format", "text", "--output-format", "jsonl"], input: Data("They had to tug back.".utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let record = try JSONParser.parse(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).objectValue
        #expect(record?["text"] == "They had to pull back.")
        #expect(try Run(["group", "--output-format", "text"], input: Data("x".utf8)).status == 64)
    }

    /// A restorer option that would do nothing, or cannot mean anything, is refused with its name.
    @Test func restorerOptionsThatCannotWorkAreRefused() throws {
        let lonely = try Run(["repair", "--lm-thesaurus", "t.tsv"], input: Data("x".utf8))
        #expect(lonely.status == 64 && lonely.stderr.contains("--lm-thesaurus"), "\(lonely.stderr)")
        let negative = try Run(["repair", "--lm", "default", "--lm-sparse-penalty=-1"], input: Data("x".utf8))
        #expect(negative.status == 64 && negative.stderr.contains("--lm-sparse-penalty takes a number, 0 or more"), "\(negative.stderr)")
    }

    @Test func textOutputSaysWhatItDropsAndSeparatesDocuments() throws {
        let seeds = Repo.seedNames.prefix(2).map { Repo.seeds.appendingPathComponent($0).path }
        let run = try Run(["strip"] + seeds)
        #expect(run.status == 0)
        #expect(run.stderr.contains("text output keeps only the text: the stages' metadata and change record are dropped"), "\(run.stderr)")
        #expect(run.stdout.components(separatedBy: "\n\u{0C}\n").count == 2)
        let quiet = try Run(["normalize", "--input-format", "text"], input: Data("Plain words.".utf8))
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    @Test func htmlIsRefusedWithAdviceUnlessAllowed() throws {
        let page = "<!DOCTYPE html>\n<html><body><p>\(Self.story)</p></body></html>\n"
        let file = try Repo.temporaryDirectory().appendingPathComponent("page.txt")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let refused = try Run(["strip", file.path])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("this looks like HTML: extract its text first"), "\(refused.stderr)")
        let record = JSONWriter.string(.object(JSONObject([("id", "p"), ("text", .string((0..<30).map { "<div class=\"x\">\($0)</div>" }.joined(separator: "\n")))])))
        #expect(try Run(["normalize"], input: Data(record.utf8)).status == 3)
        #expect(try Run(["strip", "--allow-markup", file.path]).status == 0)
        let article = "Use the <b> tag for bold, the editor wrote.\n" + Self.story
        #expect(try Run(["normalize", "--input-format", "text"], input: Data(article.utf8)).status == 0)
    }

    @Test func normalizeAndRevertOfferNoRuleOptions() throws {
        for command in ["normalize", "revert"] {
            let help = try Run([command, "--help"]).stdout
            #expect(!help.contains("--rules") && !help.contains("--pack") && !help.contains("--language"), "\(command)")
        }
        #expect(try Run(["strip", "--help"]).stdout.contains("--rules"))
    }

    @Test func exitCodesFollowTheHelp() throws {
        let help = try Run(["--help"]).stdout
        #expect(help.contains("3   some records or inputs were rejected"))
        let missing = try Run(["normalize", "/nonexistent/a.txt"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("/nonexistent/a.txt: cannot open for reading: No such file or directory"), "\(missing.stderr)")
        let empty = try Run(["normalize"])
        #expect(empty.status == 0)
        #expect(empty.stderr.contains("standard input was empty: no records"))
        let allRejected = try Run(["group"], input: Data("{broken\n".utf8))
        #expect(allRejected.status == 3, "\(allRejected.stderr)")
        #expect(!allRejected.stderr.contains("Error:"))
    }

    @Test func rulesMessagesSayWhereTheyLookedAndWhatThereIs() throws {
        let language = try Run(["strip", "--rules", Repo.rules.directory!, "--language", "de"], input: Data("x".utf8))
        #expect(language.status == 64)
        #expect(language.stderr.contains("no rules for language 'de' in \(Repo.rules.directory!); languages there: en"), "\(language.stderr)")
        let none = try Run(["strip", "--rules", "/nonexistent/rules"], input: Data("x".utf8))
        #expect(none.status == 64)
        #expect(none.stderr.contains("no rules for language 'en' in /nonexistent/rules"), "\(none.stderr)")
    }

    @Test func theSummarySpeaksEnglish() throws {
        let out = try Repo.temporaryDirectory().appendingPathComponent("out")
        let run = try Run(["clean", Repo.seeds.path, "--out", out.path])
        #expect(run.stderr.contains("3 stories (1 with copies, 1 spun copy repaired from their original)"), "\(run.stderr)")
    }

    @Test func articlesKeepTheCanonicalCopysFieldsAndListTheMembersURLs() throws {
        let text = try Repo.seed("001").text
        let records = [("a", "https://wire.example/a"), ("b", "https://outlet.example/b")].map { id, url in
            JSONWriter.string(.object(JSONObject([("id", .string(id)), ("url", .string(url)), ("lang", "en"), ("text", .string(text))])))
        }
        let dump = try Repo.temporaryDirectory().appendingPathComponent("d.jsonl")
        try (records.joined(separator: "\n") + "\n").write(to: dump, atomically: true, encoding: .utf8)
        let out = try Repo.temporaryDirectory().appendingPathComponent("out")
        #expect(try Run(["clean", dump.path, "--out", out.path, "--quiet"]).status == 0)
        let article = try JSONParser.parse(
            String(contentsOf: out.appendingPathComponent("articles.jsonl"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        ).objectValue
        #expect(article?.keys == ["id", "url", "lang", "text", "metadata"])
        #expect(article?["url"] == "https://wire.example/a")
        #expect(article?["metadata"]?.objectValue?["urls"] == ["https://wire.example/a", "https://outlet.example/b"])
    }

    @Test func aDocumentPrintsReadablyWithItsMetadataAsJSON() throws {
        var document = Document(id: "d", text: "Caf\u{E9} &amp; bar\n", metadata: JSONObject([("source", "Reuters")]))
        try NormalizeStage().process(&document)
        #expect(document.metadataJSON.hasPrefix("{\"source\":\"Reuters\",\"edits\":[{\"stage\":\"normalize\""))
        #expect("\(document)" == "d: \"Café & bar\\n\"\n  metadata: \(document.metadataJSON)")
    }
}
