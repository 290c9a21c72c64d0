import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// Paths inside the checkout; tests read only the repository's own Fixtures and Rules.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seeds = root.appendingPathComponent("Fixtures/seeds")
    static let rules = RuleBook(directory: root.appendingPathComponent("Rules").path)

    static func seed(_ prefix: String) throws -> (name: String, text: String) {
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path)
        let name = try #require(names.first { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") })
        return (name, try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8))
    }

    static var seedNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }

    /// The built `unspun` binary, beside the test bundle.
    static var binary: URL {
        var directory = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("unspun").path),
            directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("unspun")
    }

    /// A fresh rules folder holding one English rule file, and that file's path.
    static func rulesFolder(file name: String, contents: String) throws -> (book: RuleBook, path: String) {
        let directory = try temporaryDirectory()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("en"), withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("en/\(name)").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return (RuleBook(directory: directory.path), path)
    }

    /// Whether `body` fails with a rule error at this file and line whose message says `message`.
    static func failsWithRuleError(file: String, line: Int, message: String, _ body: () throws -> Void) -> Bool {
        do {
            try body()
            return false
        } catch let error as RuleError {
            return error.file == file && error.line == line && error.message.contains(message)
        } catch {
            return false
        }
    }

    /// Whether these tests run under ThreadSanitizer (`make sanitize-thread`), whose runtime
    /// cannot start under a file size limit.
    static let underThreadSanitizer = dlsym(nil, "__tsan_init") != nil

    /// Whether these tests run under AddressSanitizer (`make sanitize-address`), whose shadow
    /// memory cannot be had under an address-space limit (`ulimit -v`).
    static let underAddressSanitizer = dlsym(nil, "__asan_init") != nil

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("unspun-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs the `unspun` binary with arguments and standard input.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

    /// `output`, when given, takes standard output instead of a pipe; `fileSizeLimit` (in
    /// 512-byte blocks, `ulimit -f`) runs the binary through /bin/sh with that limit.
    init(_ arguments: [String], input: Data = Data(), output: FileHandle? = nil, fileSizeLimit: Int? = nil) throws {
        try self.init(arguments, input: input, output: output, shell: fileSizeLimit.map { "ulimit -f \($0); exec \"$0\" \"$@\"" })
    }

    /// Runs `shell`, a /bin/sh script in which "$0" is the binary and "$@" the arguments.
    init(_ arguments: [String], input: Data = Data(), output: FileHandle? = nil, shell: String?) throws {
        let process = Process()
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", shell, Repo.binary.path] + arguments
        } else {
            process.executableURL = Repo.binary
            process.arguments = arguments
        }
        let inPipe = Pipe()
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = output ?? outPipe
        if output != nil { try? outPipe.fileHandleForWriting.close() }
        process.standardError = errPipe
        try process.run()
        let writer = Thread {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        let errData = ErrorCollector(errPipe.fileHandleForReading)
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData.wait(), as: UTF8.self)
    }
}

/// Reads a pipe on its own thread so that a full pipe never blocks the child.
final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

func normalize(_ text: String) throws -> Document {
    var document = Document(id: "t", text: text)
    try NormalizeStage().process(&document)
    return document
}
