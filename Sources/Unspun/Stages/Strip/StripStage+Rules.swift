import Foundation

/// Strip's rule engine: each rule tried on the lines its words can match, at the positions it allows.
extension StripStage {
    /// Runs each line's candidate rules (in file order) over it; returns the rules each line
    /// still open was tried with.
    func applyRules(_ bytes: UnsafeBufferPointer<UInt8>, _ lines: inout [LineState], _ candidates: [[Int]], _ fields: inout StripFields) -> [[Int]] {
        var tried = [[Int]](repeating: [], count: lines.count)
        var index = 0
        while index < lines.count {
            if lines[index].removedBy != nil {
                index += 1
                continue
            }
            tried[index] = candidates[index]
            for ruleIndex in tried[index] {
                let compiled = rules[ruleIndex]
                let rule = compiled.rule
                guard Self.position(rule.position, allows: index, of: lines.count) else { continue }
                let lineBytes = UnsafeBufferPointer(rebasing: bytes[lines[index].range])
                if let longest = rule.longest, UTF8Scalars.count(in: lineBytes, exceeds: longest) { continue }
                guard let match = search(compiled.pattern, lineBytes, rule: rule, &fields), let whole = match[0], !whole.isEmpty else { continue }
                let offset = lines[index].range.lowerBound
                let absolute = whole.lowerBound + offset..<whole.upperBound + offset
                if lines[index].spans.contains(where: { $0.range.overlaps(absolute) }) { continue }
                if let end = compiled.end {
                    // A block: this line to the first line within reach that the end pattern matches.
                    guard
                        let last = (index..<min(lines.count, index + rule.within + 1)).first(where: { candidate in
                            search(end, UnsafeBufferPointer(rebasing: bytes[lines[candidate].range]), rule: rule, &fields) != nil
                        })
                    else { continue }
                    for blockLine in index...last where lines[blockLine].removedBy == nil {
                        lines[blockLine].removedBy = (rule.id, rule.kind)
                    }
                    break
                }
                if let field = rule.field {
                    fields.record(
                        field, text: Self.text(bytes, absolute), line: Self.text(bytes, lines[index].range),
                        groups: match.map { $0.map { Self.text(bytes, $0.lowerBound + offset..<$0.upperBound + offset) } }, pattern: compiled.pattern)
                }
                if rule.scope == .line {
                    lines[index].removedBy = (rule.id, rule.kind)
                    break
                }
                lines[index].spans.append((absolute, rule.id, rule.kind))
                if Self.onlySpaceRemains(bytes, lines[index]) {
                    // Nothing of the line is left: it goes whole, its spans say what it held.
                    lines[index].removedBy = (rule.id, nil)
                    break
                }
            }
            index += 1
        }
        return tried
    }

    /// A rule's search on one line. A search that reaches the pattern's limit counts as no match
    /// and is noted (`metadata.notes`), so one pathological line costs milliseconds, not hours.
    private func search(_ pattern: Pattern, _ line: UnsafeBufferPointer<UInt8>, rule: StripRule, _ fields: inout StripFields) -> [Range<Int>?]? {
        do {
            return try pattern.firstMatch(in: line)
        } catch {
            fields.limitedRules.append(rule.id)
            return nil
        }
    }

    private static func position(_ position: StripRule.Position, allows index: Int, of count: Int) -> Bool {
        switch position {
        case .any: true
        case .first: index == 0
        case .last: index == count - 1
        }
    }

    private static func onlySpaceRemains(_ bytes: UnsafeBufferPointer<UInt8>, _ line: LineState) -> Bool {
        for index in line.range where !line.spans.contains(where: { $0.range.contains(index) }) {
            let byte = bytes[index]
            if byte != 0x20, byte != UInt8(ascii: "-"), byte != UInt8(ascii: "|") { return false }
        }
        return true
    }
}
