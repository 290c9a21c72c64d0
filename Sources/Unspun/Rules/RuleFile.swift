import Foundation

/// The shared syntax of Unspun's rule files: blocks of `key: value` lines separated by blank
/// lines, `#` starting a comment line. Each block is one rule; the first line names it.
///
///     # Spinners swap "sit down" for "take a seat down".
///     rule: take a seat down => sit down
///     class: sure
///     fixes: We want to take a seat down now. => We want to sit down now.
///     keeps: Take a seat. Down the hall is the exit.
struct RuleFile {
    struct Entry {
        var key: String
        var value: String
        var line: Int
    }

    struct Block {
        var entries: [Entry]
        var line: Int { entries.first?.line ?? 0 }

        func values(_ key: String) -> [Entry] { entries.filter { $0.key == key } }
    }

    let path: String
    let blocks: [Block]

    init(path: String) throws(RuleError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleError(file: path, line: 0, message: "cannot read the rule file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleError(file: path, line: 0, message: "the rule file is not valid UTF-8")
        }
        try self.init(path: path, text: text)
    }

    init(path: String, text: String) throws(RuleError) {
        self.path = path
        var blocks: [Block] = []
        var current: [Entry] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                if !current.isEmpty { blocks.append(Block(entries: current)) }
                current = []
                continue
            }
            if line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw RuleError(file: path, line: index + 1, message: "expected 'key: value', found '\(line)'")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "-" }) else {
                throw RuleError(file: path, line: index + 1, message: "expected 'key: value', found '\(line)'")
            }
            current.append(Entry(key: key, value: value, line: index + 1))
        }
        if !current.isEmpty { blocks.append(Block(entries: current)) }
        self.blocks = blocks
    }

    func error(_ line: Int, _ message: String) -> RuleError {
        RuleError(file: path, line: line, message: message)
    }
}
