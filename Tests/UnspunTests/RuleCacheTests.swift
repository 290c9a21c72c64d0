import Foundation
import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// Rule files are parsed once per process (each worker thread asks `RuleBook` for them), and
/// again only when the file changes.
@Suite struct RuleCacheTests {
    @Test func aFileIsParsedOnceUntilItChanges() throws {
        let (_, path) = try Repo.rulesFolder(file: "spin.rules", contents: "rule: tug back => pull back\nclass: sure\nfixes: They tug back. => They pull back.\n")
        var parses = 0
        func load() throws -> Int {
            try RuleCache.load(path) { _ throws(RuleError) in
                parses += 1
                return parses
            }
        }
        #expect(try load() == 1 && load() == 1)
        try "rule: tug back => pull back\nclass: sure\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try load() == 2)
        #expect(parses == 2)
    }
}
