import Foundation
import Testing

/// Every `console` block of README.md runs as written, from the repository root, and prints what
/// the README shows: each `$ ` line is a command (run by bash, standard error folded into
/// standard output, `unspun` the binary under test), the lines after it its output. In the
/// output, `…` stands for any text within a line, and a line of `…` alone for any lines.
@Suite struct ReadmeTests {
    struct Example {
        var line: Int
        var command: String
        var expected: [String]
    }

    static func examples() throws -> [Example] {
        let lines = try String(contentsOf: Repo.root.appendingPathComponent("README.md"), encoding: .utf8).components(separatedBy: "\n")
        var examples: [Example] = []
        var inConsole = false
        for (number, line) in lines.enumerated() {
            if line.hasPrefix("```") {
                inConsole = !inConsole && line == "```console"
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ ") {
                examples.append(Example(line: number + 1, command: String(line.dropFirst(2)), expected: []))
            } else if !examples.isEmpty {
                examples[examples.count - 1].expected.append(line)
            }
        }
        return examples
    }

    /// Whether `actual` lines match `expected` lines, `…` as the wildcard.
    static func matches(_ actual: ArraySlice<String>, _ expected: ArraySlice<String>) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "…" {
            return (actual.startIndex...actual.endIndex).contains { matches(actual[$0...], expected.dropFirst()) }
        }
        guard let line = actual.first, matches(line: line, pattern: first) else { return false }
        return matches(actual.dropFirst(), expected.dropFirst())
    }

    /// Whether `line` is `pattern` with each `…` standing for any text.
    static func matches(line: String, pattern: String) -> Bool {
        let parts = pattern.components(separatedBy: "…")
        guard parts.count > 1 else { return line == pattern }
        guard line.hasPrefix(parts[0]), line.dropFirst(parts[0].count).hasSuffix(parts[parts.count - 1]),
            line.count >= parts[0].count + parts[parts.count - 1].count
        else { return false }
        var rest = line.dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }

    @Test(.enabled(if: !Repo.underThreadSanitizer, "an example runs under ulimit -f, where ThreadSanitizer's runtime dies"))
    func everyConsoleExampleRunsAsShown() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 10)
        for example in examples {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "exec 2>&1\n" + example.command]
            process.currentDirectoryURL = Repo.root
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = Repo.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            var actual = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
            if actual.last == "" { actual.removeLast() }
            var expected = example.expected
            while expected.last == "" { expected.removeLast() }
            #expect(Self.matches(actual[...], expected[...]), "README.md:\(example.line): \(example.command)\n--- printed:\n\(actual.joined(separator: "\n"))")
        }
    }

    @Test func theWildcardMatchesWhatItShould() {
        #expect(Self.matches(line: "5 read in 0.2 s", pattern: "5 read in … s"))
        #expect(Self.matches(line: "a-b-c", pattern: "a…b…c") && !Self.matches(line: "a-c", pattern: "a…b…c") && !Self.matches(line: "ab", pattern: "ab…b"))
        #expect(!Self.matches(line: "6 read in 0.2 s", pattern: "5 read in … s"))
        #expect(Self.matches(["a", "b", "c"][...], ["a", "…"][...]))
        #expect(Self.matches(["a"][...], ["a", "…"][...]))
        #expect(!Self.matches(["a", "x"][...], ["a", "…", "c"][...]))
    }
}
