/// One change a stage made: the bytes `start..<end` of that stage's input (`before`) became
/// `after`. Together a stage's edits let anyone see why each character changed and rebuild the
/// stage's input from its output (`EditLog.revert`).
public struct Edit: Sendable, Equatable, Hashable {
    public var stage: String
    public var rule: String
    /// Byte offsets into the text the stage was given.
    public var start: Int
    public var end: Int
    public var before: String
    public var after: String

    public init(stage: String, rule: String, start: Int, end: Int, before: String, after: String) {
        self.stage = stage
        self.rule = rule
        self.start = start
        self.end = end
        self.before = before
        self.after = after
    }

    var json: JSONValue {
        .object(
            JSONObject([
                ("stage", .string(stage)), ("rule", .string(rule)), ("start", JSONValue(start)),
                ("end", JSONValue(end)), ("before", .string(before)), ("after", .string(after)),
            ]))
    }

    init?(json: JSONValue) {
        guard let object = json.objectValue,
            let stage = object["stage"]?.stringValue, let rule = object["rule"]?.stringValue,
            case .number(let start)? = object["start"], case .number(let end)? = object["end"],
            let startOffset = Int(start), let endOffset = Int(end),
            let before = object["before"]?.stringValue, let after = object["after"]?.stringValue
        else { return nil }
        self.init(stage: stage, rule: rule, start: startOffset, end: endOffset, before: before, after: after)
    }
}

/// Applies, reverts and composes sorted, non-overlapping edit lists over UTF-8 bytes.
public enum EditLog {
    /// The text after applying `edits` (sorted by `start`, non-overlapping) to `input`.
    public static func apply(_ edits: [Edit], to input: [UInt8]) -> [UInt8] {
        guard !edits.isEmpty else { return input }
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var cursor = 0
        for edit in edits {
            output.append(contentsOf: input[cursor..<edit.start])
            output.append(contentsOf: edit.after.utf8)
            cursor = edit.end
        }
        output.append(contentsOf: input[cursor...])
        return output
    }

    public static func apply(_ edits: [Edit], to input: String) -> String {
        edits.isEmpty ? input : String(decoding: apply(edits, to: Array(input.utf8)), as: UTF8.self)
    }

    /// Rebuilds the input from a stage's output and its edits. Returns nil when the edits do not
    /// fit the output (their `after` text is not where they say).
    public static func revert(_ edits: [Edit], from output: [UInt8]) -> [UInt8]? {
        var input: [UInt8] = []
        input.reserveCapacity(output.count)
        var cursor = 0
        var shift = 0
        for edit in edits {
            let outputStart = edit.start + shift
            let after = Array(edit.after.utf8)
            guard outputStart >= cursor, outputStart + after.count <= output.count,
                output[outputStart..<outputStart + after.count].elementsEqual(after)
            else { return nil }
            input.append(contentsOf: output[cursor..<outputStart])
            input.append(contentsOf: edit.before.utf8)
            cursor = outputStart + after.count
            shift += after.count - (edit.end - edit.start)
        }
        input.append(contentsOf: output[cursor...])
        return input
    }

    /// Rebuilds a document's original text from its final text and its whole change record
    /// (every stage's edits in the order they were made).
    public static func rebuildOriginal(text: String, edits: [Edit]) -> String? {
        var current = Array(text.utf8)
        var index = edits.endIndex
        // Each stage's edits refer to that stage's input, so undo stage by stage, last first.
        while index > edits.startIndex {
            let stage = edits[index - 1].stage
            var first = index - 1
            while first > edits.startIndex, edits[first - 1].stage == stage { first -= 1 }
            guard let previous = revert(Array(edits[first..<index]), from: current) else { return nil }
            current = previous
            index = first
        }
        return String(validating: current, as: UTF8.self)
    }

    /// Composes two passes into one: `first` turns `original` into a middle text, `second` turns
    /// that middle text into the result. The answer turns `original` straight into the result,
    /// with offsets into `original`; edits of the two passes that touch are merged into one.
    public static func compose(_ first: [Edit], _ second: [Edit], original: [UInt8], middle: [UInt8]) -> [Edit] {
        if second.isEmpty { return first }
        if first.isEmpty { return second }
        // Each edit of either pass as a stretch of the middle text, in order.
        struct Stretch {
            var start: Int
            var end: Int
            var edit: Edit
            var isFirst: Bool
        }
        var stretches: [Stretch] = []
        stretches.reserveCapacity(first.count + second.count)
        var shift = 0
        var firstIndex = 0
        var secondIndex = 0
        while firstIndex < first.count || secondIndex < second.count {
            let takeFirst: Bool
            if firstIndex == first.count {
                takeFirst = false
            } else if secondIndex == second.count {
                takeFirst = true
            } else {
                takeFirst = first[firstIndex].start + shift <= second[secondIndex].start
            }
            if takeFirst {
                let edit = first[firstIndex]
                let start = edit.start + shift
                let length = edit.after.utf8.count
                stretches.append(Stretch(start: start, end: start + length, edit: edit, isFirst: true))
                shift += length - (edit.end - edit.start)
                firstIndex += 1
            } else {
                let edit = second[secondIndex]
                stretches.append(Stretch(start: edit.start, end: edit.end, edit: edit, isFirst: false))
                secondIndex += 1
            }
        }
        // Group stretches that overlap in the middle text; a group with a second-pass edit
        // becomes one edit from the original to the result.
        var result: [Edit] = []
        var shiftBefore = 0  // first-pass growth before the current group
        var index = 0
        while index < stretches.count {
            var groupEnd = index + 1
            var end = stretches[index].end
            while groupEnd < stretches.count, stretches[groupEnd].start < end {
                end = max(end, stretches[groupEnd].end)
                groupEnd += 1
            }
            let group = stretches[index..<groupEnd]
            var groupShift = 0
            for stretch in group where stretch.isFirst {
                groupShift += stretch.edit.after.utf8.count - (stretch.edit.end - stretch.edit.start)
            }
            if group.allSatisfy(\.isFirst) {
                result.append(contentsOf: group.map(\.edit))
            } else {
                let start = stretches[index].start
                let originalStart = start - shiftBefore
                let originalEnd = end - shiftBefore - groupShift
                var after: [UInt8] = []
                var cursor = start
                var rules: [String] = []
                for stretch in group {
                    if !rules.contains(stretch.edit.rule) { rules.append(stretch.edit.rule) }
                    guard !stretch.isFirst else { continue }
                    after.append(contentsOf: middle[cursor..<stretch.start])
                    after.append(contentsOf: stretch.edit.after.utf8)
                    cursor = stretch.end
                }
                after.append(contentsOf: middle[cursor..<end])
                let before = original[originalStart..<originalEnd]
                if !before.elementsEqual(after) {
                    result.append(
                        Edit(
                            stage: second[0].stage, rule: rules.joined(separator: "+"),
                            start: originalStart, end: originalEnd,
                            before: String(decoding: before, as: UTF8.self), after: String(decoding: after, as: UTF8.self)))
                }
            }
            shiftBefore += groupShift
            index = groupEnd
        }
        return result
    }
}
