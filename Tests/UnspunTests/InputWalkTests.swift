import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// Nothing under an input is skipped without a word, and no input can hang or exhaust a run:
/// FIFOs, names that are not UTF-8, unreadable and linked folders, byte order marks, endless
/// records, gzip names on plain bytes and bytes after a gzip stream.
@Suite struct InputWalkTests {
    static let story = "The council voted on Tuesday to rebuild the bridge. Work starts in May and should take two years."

    /// Creates a file under `folder` named by raw bytes (names that are not UTF-8).
    static func write(_ contents: String, in folder: URL, name: [UInt8]) {
        let path = FilePath(folder.path).appending(name)
        let descriptor = path.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        _ = contents.utf8CString.withUnsafeBufferPointer { Foundation.write(descriptor, $0.baseAddress, $0.count - 1) }
        close(descriptor)
    }

    static func ids(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)).objectValue?["id"]?.stringValue }
    }

    @Test func aFIFOInAWalkedFolderIsSkippedWithANote() throws {
        let folder = try Repo.temporaryDirectory()
        try Self.story.write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        #expect(mkfifo(folder.appendingPathComponent("feed.jsonl").path, 0o644) == 0)
        let run = try Run(["normalize", "--format", "jsonl", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.ids(run.stdout) == ["a.txt"])
        #expect(run.stderr.contains("feed.jsonl: not a regular file (a FIFO)"), "\(run.stderr)")
    }

    @Test func namesThatAreNotUTF8AreReadInFoldersAndOnTheCommandLine() throws {
        let folder = try Repo.temporaryDirectory()
        Self.write(Self.story, in: folder, name: Array("caf".utf8) + [0xE9] + Array(".txt".utf8))
        Self.write("{\"id\":\"r1\",\"text\":\"\(Self.story)\"}\n", in: folder, name: Array("bad".utf8) + [0xFF] + Array(".jsonl".utf8))
        let walked = try Run(["normalize", "--format", "jsonl", folder.path])
        #expect(walked.status == 0, "\(walked.stderr)")
        #expect(Self.ids(walked.stdout) == ["r1", "caf\\xE9.txt"])
        let named = try Run([folder.path], shell: "exec \"$0\" normalize --format jsonl \"$(printf '%s/caf\\351.txt' \"$1\")\"")
        #expect(named.status == 0, "\(named.stderr)")
        #expect(Self.ids(named.stdout) == ["\(folder.path)/caf\\xE9.txt"])
    }

    /// As root every folder is readable, so the run drops to the `nobody` user to meet one that is not.
    @Test func anUnreadableFolderIsRejectedWithTheSystemsReason() throws {
        let folder = try Repo.temporaryDirectory()
        try Self.story.write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let locked = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try Self.story.write(to: locked.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        chmod(locked.path, 0)
        defer { chmod(locked.path, 0o755) }
        let asNobody = geteuid() == 0 ? "exec setpriv --reuid=65534 --regid=65534 --clear-groups \"$0\" \"$@\"" : "exec \"$0\" \"$@\""
        let run = try Run(["normalize", "--format", "jsonl", folder.path], shell: asNobody)
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("\(locked.path): cannot read the folder: Permission denied"), "\(run.stderr)")
        #expect(Self.ids(run.stdout) == ["a.txt"])
    }

    @Test func linkedFoldersAreFollowedOnceAndALoopIsNamed() throws {
        let folder = try Repo.temporaryDirectory()
        let elsewhere = try Repo.temporaryDirectory()
        try Self.story.write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try Self.story.write(to: elsewhere.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("linked").path, withDestinationPath: elsewhere.path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("loop").path, withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("gone.txt").path, withDestinationPath: "/nonexistent/x")
        let run = try Run(["normalize", "--format", "jsonl", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.ids(run.stdout) == ["a.txt", "linked/b.txt"])
        #expect(run.stderr.contains("loop: a link to a folder already walked"), "\(run.stderr)")
        #expect(run.stderr.contains("gone.txt: a symbolic link to nothing"), "\(run.stderr)")
    }

    @Test func aByteOrderMarkBeforeJSONLIsNoPartOfTheFirstRecord() throws {
        let records = (1...20).map { "{\"id\":\"r\($0)\",\"text\":\"Story \($0).\"}" }.joined(separator: "\n") + "\n"
        let bom = Data([0xEF, 0xBB, 0xBF])
        let piped = try Run(["normalize"], input: bom + Data(records.utf8))
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(Self.ids(piped.stdout) == (1...20).map { "r\($0)" })
        let file = try Repo.temporaryDirectory().appendingPathComponent("d.jsonl")
        try (bom + Data(records.utf8)).write(to: file)
        let named = try Run(["normalize", file.path])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(Self.ids(named.stdout).count == 20)
    }

    /// Under a 600 MB address-space limit: a record that never ends and a 300 MB line are both
    /// rejected with their size, and the record after the long line is still written.
    @Test(.enabled(if: !Repo.underAddressSanitizer && !Repo.underThreadSanitizer, "the sanitizers' shadow memory does not fit under ulimit -v"))
    func overlongRecordsAreRejectedWithoutBeingHeld() throws {
        let endless = try Run([], shell: "ulimit -v 600000; exec \"$0\" normalize --format text - < /dev/zero")
        #expect(endless.status == 3, "\(endless.stderr)")
        #expect(endless.stderr.contains("the record is over 64.0 MB, over the 64 MB limit"), "\(endless.stderr)")
        let long = try Run(
            [],
            shell: """
                ulimit -v 600000
                { printf '{"id":"big","text":"'; head -c 300000000 /dev/zero | tr '\\0' a; printf '"}\\n{"id":"after","text":"ok"}\\n'; } | "$0" normalize
                """)
        #expect(long.status == 3, "\(long.stderr)")
        #expect(long.stderr.contains("<stdin>:1: the record is 286.1 MB, over the 64 MB limit"), "\(long.stderr)")
        #expect(Self.ids(long.stdout) == ["after"])
    }

    @Test func maxRecordMbIsValidated() throws {
        for value in ["0", "9223372036854775807"] {
            let run = try Run(["normalize", "--max-record-mb", value], input: Data("x".utf8))
            #expect(run.status == 64)
            #expect(run.stderr.contains("--max-record-mb must be from 1 to"), "\(run.stderr)")
        }
    }

    @Test func aGzipNameOnPlainBytesIsRejectedAndBytesAfterTheStreamAreNoted() throws {
        let folder = try Repo.temporaryDirectory()
        let records = "{\"id\":\"p\",\"text\":\"\(Self.story)\"}\n"
        try Data(records.utf8).write(to: folder.appendingPathComponent("plain.jsonl.gz"))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "printf '%s' '{\"id\":\"g\",\"text\":\"x\"}' | gzip -c > \"$0/real.jsonl.gz\" && printf 'GARBAGE' >> \"$0/real.jsonl.gz\"", folder.path]
        try gzip.run()
        gzip.waitUntilExit()
        let run = try Run(["normalize", folder.path])
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("plain.jsonl.gz (id plain.jsonl.gz): the name ends in .gz but the file is not gzip-compressed"), "\(run.stderr)")
        #expect(run.stderr.contains("real.jsonl.gz: 7 bytes after the end of the gzip data are not gzip; they were skipped"), "\(run.stderr)")
        #expect(Self.ids(run.stdout) == ["g"])
    }

    @Test func textOutputRefusesJSONLRecordsInsteadOfDroppingTheirFields() throws {
        let folder = try Repo.temporaryDirectory()
        let text = folder.appendingPathComponent("a.txt")
        let records = folder.appendingPathComponent("b.jsonl")
        try Self.story.write(to: text, atomically: true, encoding: .utf8)
        try "{\"id\":\"r1\",\"text\":\"\(Self.story)\",\"url\":\"https://example.org/1\"}\n".write(to: records, atomically: true, encoding: .utf8)
        let mixed = try Run(["normalize", text.path, records.path])
        #expect(mixed.status == 3)
        #expect(mixed.stderr.contains("b.jsonl:1: a JSONL record in a run whose output is plain text"), "\(mixed.stderr)")
        let asJSONL = try Run(["normalize", "--format", "jsonl", text.path, records.path])
        #expect(asJSONL.status == 0)
        #expect(asJSONL.stdout.contains("\"url\":\"https://example.org/1\""))
    }

    @Test func aRecordWithATwiceGivenFieldIsRejected() throws {
        let run = try Run(["normalize"], input: Data("{\"id\":\"d\",\"text\":\"a\",\"text\":\"b\"}\n{\"id\":\"ok\",\"text\":\"fine\"}\n".utf8))
        #expect(run.status == 3)
        #expect(run.stderr.contains("<stdin>:1: not valid JSON: the field \"text\" appears twice in one object"), "\(run.stderr)")
        #expect(Self.ids(run.stdout) == ["ok"])
        let wide = "{" + (0..<40).map { "\"k\($0)\":1" }.joined(separator: ",") + ",\"k7\":2}"
        #expect(throws: JSONError.self) { try JSONParser.parse(wide) }
    }

    @Test func aMissingLineModelStopsStripUnlessTheClassifierIsTurnedOff() throws {
        let strip = try String(contentsOfFile: Repo.rules.directory! + "/en/strip.rules", encoding: .utf8)
        let (book, _) = try Repo.rulesFolder(file: "strip.rules", contents: strip)
        let input = Data("\(Self.story)\n".utf8)
        let refused = try Run(["strip", "--rules", book.directory!], input: input)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("lines.model:0: the line classifier is missing; restore it, or pass --no-classifier"), "\(refused.stderr)")
        let check = try Run(["rules", "check", book.directory!])
        #expect(check.status == 2, "\(check.stdout)")
        let allowed = try Run(["strip", "--rules", book.directory!, "--no-classifier"], input: input)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout == Self.story + "\n")
    }
}
