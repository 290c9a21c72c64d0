/// Finds the shape of regular expression that backtracks exponentially: a repeated group that
/// holds a repetition of its own, as in `(a+)+` or `(?:word\s*,?\s*){2,}`. On a line that almost
/// matches, the engine tries every way of sharing the characters between the two repetitions.
/// Such a pattern is refused when the rule file loads; it is safe once the inner repetition is
/// possessive (`\s*+`) or the group atomic (`(?>...)`), since neither gives characters back.
enum PatternLint {
    /// Where the first such group starts (a character offset into the pattern), or nil.
    static func nestedRepetition(in pattern: String) -> Int? {
        let characters = Array(pattern)
        // Each open group: where it starts, whether it is atomic, and whether it holds a
        // repetition that can give characters back.
        var groups: [(start: Int, atomic: Bool, repeats: Bool)] = [(0, false, false)]
        var index = 0
        while index < characters.count {
            let character = characters[index]
            var atomEnd = index + 1
            var closed: (start: Int, atomic: Bool, repeats: Bool)?
            switch character {
            case "\\":
                if index + 1 < characters.count, characters[index + 1] == "Q" {
                    atomEnd = Self.endOfQuote(characters, from: index + 2)
                } else {
                    atomEnd = min(index + 2, characters.count)
                }
            case "[":
                atomEnd = Self.endOfClass(characters, from: index + 1)
            case "(":
                let atomic = characters.count > index + 2 && characters[index + 1] == "?" && characters[index + 2] == ">"
                groups.append((index, atomic, false))
                index += 1
                continue
            case ")":
                if groups.count > 1 { closed = groups.removeLast() }
            default:
                break
            }
            let (quantifierEnd, unbounded, possessive) = Self.quantifier(characters, at: atomEnd)
            if let group = closed {
                if unbounded, !possessive, group.repeats, !group.atomic { return group.start }
                groups[groups.count - 1].repeats = groups[groups.count - 1].repeats || group.repeats && !group.atomic
            }
            if unbounded, !possessive { groups[groups.count - 1].repeats = true }
            index = quantifierEnd
        }
        return nil
    }

    /// The quantifier at `index`, if any: where it ends, whether it has no upper bound, and
    /// whether it is possessive (`*+`).
    private static func quantifier(_ characters: [Character], at index: Int) -> (end: Int, unbounded: Bool, possessive: Bool) {
        guard index < characters.count else { return (index, false, false) }
        var end = index
        var unbounded = false
        switch characters[index] {
        case "*", "+":
            unbounded = true
            end += 1
        case "?":
            end += 1
        case "{":
            guard let close = characters[index...].firstIndex(of: "}") else { return (index, false, false) }
            let body = String(characters[(index + 1)..<close])
            guard body.allSatisfy({ $0.isNumber || $0 == "," }), body.first?.isNumber == true else { return (index, false, false) }
            unbounded = body.hasSuffix(",")
            end = close + 1
        default:
            return (index, false, false)
        }
        if end < characters.count, characters[end] == "+" { return (end + 1, unbounded, true) }
        if end < characters.count, characters[end] == "?" { end += 1 }
        return (end, unbounded, false)
    }

    /// The index after a character class that starts before `index` (ICU classes may nest).
    private static func endOfClass(_ characters: [Character], from index: Int) -> Int {
        var depth = 1
        var position = index
        if position < characters.count, characters[position] == "^" { position += 1 }
        if position < characters.count, characters[position] == "]" { position += 1 }
        while position < characters.count, depth > 0 {
            switch characters[position] {
            case "\\": position += 1
            case "[": depth += 1
            case "]": depth -= 1
            default: break
            }
            position += 1
        }
        return position
    }

    /// The index after the `\E` that ends a `\Q` quotation (or the end of the pattern).
    private static func endOfQuote(_ characters: [Character], from index: Int) -> Int {
        var position = index
        while position + 1 < characters.count {
            if characters[position] == "\\", characters[position + 1] == "E" { return position + 2 }
            position += 1
        }
        return characters.count
    }
}
