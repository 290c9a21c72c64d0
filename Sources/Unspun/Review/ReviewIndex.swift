/// The review page's index (one short row per document, for search and filters) and each
/// document's compact entry for its chunk. Names repeated across documents (kinds, rules,
/// stages, stories) are stored once and referred to by number.
struct ReviewIndex {
    private(set) var count = 0
    private var rows: [JSONValue] = []
    private var kinds = Interned()
    private var rules = Interned()
    private var stages = Interned()
    private var stories = Interned()

    /// Row flags.
    static let canonical = 1, spun = 2, repaired = 4

    /// Fields the page shows otherwise (the change record, removed lines, story fields).
    private static let shownElsewhere: Set<String> = ["edits", "removed", "story", "canonical", "spun"]

    /// Adds a document's row; returns its chunk entry: [text, edits, metadata], each edit as
    /// [stage, rule, start, end, before, after] plus, for a removal, the kind of each line of `before`.
    mutating func add(_ document: Document, chunk: Int) -> JSONValue {
        let metadata = document.metadata
        let edits = document.allEdits
        var removed = RemovedLines(metadata["removed"]?.arrayValue ?? [])
        var kindSet: [Int] = []
        var ruleSet: [Int] = []
        let entries: [JSONValue] = edits.map { edit in
            let rule = rules.number(edit.rule)
            if !ruleSet.contains(rule) { ruleSet.append(rule) }
            var entry: [JSONValue] = [
                JSONValue(stages.number(edit.stage)), JSONValue(rule), JSONValue(edit.start), JSONValue(edit.end),
                .string(edit.before), .string(edit.after),
            ]
            if edit.stage == "strip", edit.after.isEmpty {
                let lineKinds = edit.before.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Int in
                    guard let kind = removed.kind(of: line, rule: edit.rule) else { return -1 }
                    return kinds.number(kind)
                }
                for kind in lineKinds where kind >= 0 && !kindSet.contains(kind) { kindSet.append(kind) }
                entry.append(.array(lineKinds.map { JSONValue($0) }))
            }
            return .array(entry)
        }
        var flags = metadata["canonical"] == .bool(true) ? Self.canonical : 0
        if metadata["spun"] != nil, metadata["spun"] != .bool(false) { flags |= Self.spun }
        if edits.contains(where: { $0.stage == "repair" || $0.stage == "reference" }) { flags |= Self.repaired }
        let story = metadata["story"]?.stringValue.map { JSONValue(stories.number($0)) } ?? .null
        rows.append(
            .array([
                .string(document.id), story, JSONValue(flags), JSONValue(chunk),
                .array(kindSet.map { JSONValue($0) }), .array(ruleSet.map { JSONValue($0) }),
            ]))
        count += 1
        let shown = JSONObject(metadata.fields.filter { !Self.shownElsewhere.contains($0.key) })
        return .array([.string(document.text), .array(entries), .object(shown)])
    }

    /// The index's tables, as fields of the page's data object.
    var tables: [(key: String, value: JSONValue)] {
        [("docs", .array(rows)), ("kinds", kinds.json), ("rules", rules.json), ("stages", stages.json), ("stories", stories.json)]
    }
}

/// Strings numbered in order of first appearance.
struct Interned {
    private var numbers: [String: Int] = [:]
    private var names: [String] = []

    mutating func number(_ name: String) -> Int {
        if let number = numbers[name] { return number }
        numbers[name] = names.count
        names.append(name)
        return names.count - 1
    }

    var json: JSONValue { .array(names.map(JSONValue.string)) }
}

/// metadata.removed, to give each removed line its kind: a line listed there (same text, same
/// rule) has the kind listed; any other line a strip rule took left the body for a metadata
/// field (a byline, a caption), named after the rule (`strip:byline-by` -> `byline`).
struct RemovedLines {
    private var byText: [Substring: [(kind: String, rule: String)]] = [:]

    init(_ entries: [JSONValue]) {
        for entry in entries {
            guard let object = entry.objectValue, let text = object["text"]?.stringValue else { continue }
            byText[Self.trimmed(Substring(text)), default: []].append((object["kind"]?.stringValue ?? "other", object["rule"]?.stringValue ?? ""))
        }
    }

    mutating func kind(of line: Substring, rule: String) -> String? {
        let text = Self.trimmed(line)
        guard !text.isEmpty else { return nil }
        if var listed = byText[text], !listed.isEmpty {
            let match = listed.firstIndex { $0.rule == rule } ?? 0
            let kind = listed.remove(at: match).kind
            byText[text] = listed
            return kind
        }
        let name = rule.split(separator: ":").last.map(String.init) ?? rule
        return "lifted: " + (name.split(separator: "-").first.map(String.init) ?? name)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
