import Foundation

/// Removes what is not the article and lifts bylines, datelines, date stamps, captions, credits
/// and agency lines into metadata. Rules (`strip.rules`) act first; the line classifier
/// (`lines.model`) then judges the lines no rule took. Every removal is an edit and is listed in
/// `metadata.removed` with its kind and rule; subheads stay and are listed in `metadata.headings`.
public final class StripStage: Stage {
    public let name = "strip"

    struct CompiledRule {
        var rule: StripRule
        var pattern: Pattern
        var end: Pattern?
    }

    let rules: [CompiledRule]
    /// Letter-run hash of each rule word -> the rules it makes candidates.
    let rulesByWord: [UInt64: [Int]]
    /// Stopwords, boilerplate words and the rule words, marked: one lookup per word of a line
    /// serves both the classifier's counts and the rules' prefilter.
    let words: FastHashSet
    let model: LineModel?
    /// Reads the page's title, authors and dates from the text (`PageMetadata`); off by
    /// default, since it costs half of strip's speed and is wrong on 3-5% of unseen pages.
    let page: PageMetadata?
    /// Receives each classified line's features (for training the model), with the classifier
    /// pass (from 0, counted over the document) that saw it: later passes see a line again once
    /// lines near it are gone.
    public var featureSink: ((_ documentID: String, _ pass: Int, _ line: String, _ features: [Double]) -> Void)?
    /// Receives each document's detector cues (`LineFeatures.documentNames`), for training the
    /// detector that tells a whole page from an extractor's output.
    public var documentSink: ((_ documentID: String, _ cues: [Double]) -> Void)?
    /// The kind of input when the user says so; nil: the model's detector decides per document.
    let inputKind: LineModel.Kind?
    /// Lines that repeat across a dump (`--line-counts`), removed after the rounds.
    let lineCounts: LineCounts?

    /// The classifier's feature names, in the order `featureSink` receives them.
    public static var featureNames: [String] { LineFeatures.names }

    /// The stage a rule book describes: its `strip.rules`, line model, input kind, line counts
    /// and whether page metadata is read.
    public convenience init(book: RuleBook) throws(RuleError) {
        try self.init(
            rules: try book.stripRules(), model: try book.lineModel(), readsPageMetadata: book.pageMetadata, inputKind: book.inputKind,
            lineCounts: book.lineCounts)
    }

    @_spi(Rules) public init(
        rules: [StripRule], model: LineModel?, readsPageMetadata: Bool = false, inputKind: LineModel.Kind? = nil,
        lineCounts: LineCounts? = nil
    ) throws(RuleError) {
        var compiled: [CompiledRule] = []
        var byWord: [UInt64: [Int]] = [:]
        for rule in rules {
            do {
                let pattern = try Pattern(rule.pattern, caseInsensitive: !rule.caseSensitive)
                let end = try rule.end.map { source throws(Pattern.CompileError) in try Pattern(source, caseInsensitive: !rule.caseSensitive) }
                compiled.append(CompiledRule(rule: rule, pattern: pattern, end: end))
            } catch {
                throw RuleError(file: rule.file, line: rule.line, message: error.message)
            }
            for word in Set(rule.words) { byWord[LetterRuns.hash(word), default: []].append(compiled.count - 1) }
        }
        self.rules = compiled
        rulesByWord = byWord
        words = FastHashSet(marked: LineFeatures.wordMarks + byWord.keys.map { ($0, LineFeatures.WordMark.ruleWord) })
        self.model = model
        page = readsPageMetadata ? PageMetadata() : nil
        self.inputKind = inputKind
        self.lineCounts = lineCounts
    }

    /// What happened to one line.
    struct LineState {
        var range: Range<Int>
        var removedBy: (rule: String, kind: String?)?
        var spans: [(range: Range<Int>, rule: String, kind: String?)] = []
    }

    /// Rounds of stripping at most: removing a line changes its neighbours' context (a closing
    /// agency line is only last once the share row after it is gone), so the stage strips its
    /// own output again until nothing changes, which makes a second run a no-op.
    static let maximumRounds = 40

    public func process(_ document: inout Document) throws(StageError) {
        let original = Array(document.text.utf8)
        var current = original
        var edits: [Edit] = []
        var metadata = document.metadata
        var carried: [Int: Carried] = [:]
        var passes = 0
        for round in 0..<Self.maximumRounds {
            let result = current.withUnsafeBufferPointer { strip($0, id: document.id, passes: &passes, carried: carried, page: round == 0) }
            Self.merge(result.fields, into: &metadata)
            guard !result.edits.isEmpty else { break }
            edits = EditLog.compose(edits, result.edits, original: original, middle: current)
            current = EditLog.apply(result.edits, to: current)
            carried = result.carry
        }
        if let lineCounts {
            let repeated = LineCounts.edits(current, stage: name, repeats: lineCounts.repeatsOutside)
            if !repeated.edits.isEmpty {
                edits = EditLog.compose(edits, repeated.edits, original: original, middle: current)
                current = EditLog.apply(repeated.edits, to: current)
                metadata["removed"] = .array((metadata["removed"]?.arrayValue ?? []) + repeated.removed)
            }
        }
        document.metadata = metadata
        guard !edits.isEmpty else { return }
        document.edits.append(contentsOf: edits)
        document.text = String(decoding: current, as: UTF8.self)
    }

    /// Adds what a round found to what the document already has: lists grow, a field already
    /// set (by an earlier round or an earlier run) stays, and headings describe the current text.
    static func merge(_ found: JSONObject, into metadata: inout JSONObject) {
        for (key, value) in found.fields {
            switch key {
            case "headings": metadata[key] = value
            case "removed", "captions", "credits":
                metadata[key] = .array((metadata[key]?.arrayValue ?? []) + (value.arrayValue ?? []))
            case "notes":
                let earlier = metadata[key]?.arrayValue ?? []
                metadata[key] = .array(earlier + (value.arrayValue ?? []).filter { !earlier.contains($0) })
            default:
                if metadata[key] == nil { metadata[key] = value }
            }
        }
    }

    /// What a round learned of a line it neither removed nor cut, for the next round, keyed by
    /// where the line starts in the next round's text: its measurements, and the rules that may
    /// still match it there. Rules that did not match its bytes cannot match the same bytes again,
    /// except those that depend on the lines around it (first/last-line rules and blocks).
    private struct Carried {
        var end: Int
        var measure: LineFeatures.Measure
        var rules: [Int]
    }

    /// One round; `page` reads the page's metadata (the first round, which sees the whole page).
    private func strip(_ bytes: UnsafeBufferPointer<UInt8>, id: String, passes: inout Int, carried: [Int: Carried], page readsPage: Bool)
        -> (edits: [Edit], fields: JSONObject, carry: [Int: Carried])
    {
        var lines: [LineState] = []
        WordScan.forEachLine(bytes) { line in
            let range = Self.trimmed(bytes, line)
            if !range.isEmpty { lines.append(LineState(range: range)) }
        }
        let known = lines.map { line in carried[line.range.lowerBound].flatMap { $0.end == line.range.upperBound ? $0 : nil } }
        // One pass over each new line measures it for the classifier and finds the rules whose
        // words it holds; lines carried from the last round have both already.
        var candidates = [[Int]](repeating: [], count: lines.count)
        let measures = lines.indices.map { index in
            if let known = known[index] {
                candidates[index] = known.rules
                return known.measure
            }
            let range = lines[index].range
            var indent = 0
            while range.lowerBound - indent > 0, bytes[range.lowerBound - indent - 1] == 0x20 || bytes[range.lowerBound - indent - 1] == 0x09 {
                indent += 1
            }
            var found: [Int] = []
            let measure = LineFeatures.measure(UnsafeBufferPointer(rebasing: bytes[range]), indent: indent, words: words) { hash in
                if let matching = rulesByWord[hash] { found.append(contentsOf: matching) }
            }
            candidates[index] = found.count > 1 ? Array(Set(found)).sorted() : found
            return measure
        }
        if readsPage { documentSink?(id, LineFeatures.documentCues(measures)) }
        // Judged again each round, on the text as it now stands: once a page's menus are gone
        // the rest may read as an extract, and a second run, which sees only that, must agree.
        let kind = inputKind ?? model?.kind(of: measures) ?? .extract
        var fields = StripFields()
        let tried = applyRules(bytes, &lines, candidates, &fields)
        removeRelatedItems(&lines, measures)
        classify(bytes, &lines, measures, id: id, passes: &passes, kind: kind)
        var found: (fields: JSONObject, bio: [Int]) = (JSONObject(), [])
        if readsPage, let page {
            let prose = lines.indices.first { lines[$0].removedBy == nil && measures[$0].isProse }
            let ruled = Set(lines.indices.filter { lines[$0].removedBy.map { $0.rule != "strip:classifier" } ?? false })
            found = page.find(bytes, lines.map(\.range), prose: prose, ruled: ruled)
        }
        for line in found.bio { lines[line].removedBy = ("strip:author-bio", "author-bio") }
        keepSentencesOfEmptiedText(&lines, measures, &fields)
        fields.headings = headings(bytes, lines, measures)
        let edits = edits(bytes, lines, fields: &fields)
        return (edits, PageMetadata.merge(found.fields, under: fields.json), carry(lines, measures, tried, through: edits))
    }

    /// The untouched lines' state, moved to where they stand once `edits` are applied.
    private func carry(_ lines: [LineState], _ measures: [LineFeatures.Measure], _ tried: [[Int]], through edits: [Edit]) -> [Int: Carried] {
        var carry: [Int: Carried] = [:]
        var shift = 0
        var next = 0
        for (index, line) in lines.enumerated() where line.removedBy == nil && line.spans.isEmpty {
            while next < edits.count, edits[next].end <= line.range.lowerBound {
                shift += edits[next].after.utf8.count - (edits[next].end - edits[next].start)
                next += 1
            }
            if next < edits.count, edits[next].start < line.range.upperBound { continue }
            let retry = tried[index].filter { rules[$0].rule.position != .any || rules[$0].end != nil }
            carry[line.range.lowerBound + shift] = Carried(end: line.range.upperBound + shift, measure: measures[index], rules: retry)
        }
        return carry
    }
    // MARK: Headings

    /// Subheads: short kept lines without end punctuation between article lines.
    private func headings(_ bytes: UnsafeBufferPointer<UInt8>, _ lines: [LineState], _ allMeasures: [LineFeatures.Measure]) -> [String] {
        let keptIndices = lines.indices.filter { lines[$0].removedBy == nil }
        let kept = keptIndices.map { lines[$0] }
        let measures = keptIndices.map { allMeasures[$0] }
        guard kept.count >= 3 else { return [] }
        var found: [String] = []
        for index in 1..<(kept.count - 1) where kept[index].spans.isEmpty {
            let measure = measures[index]
            guard (2...14).contains(measure.words), measure.end == 6, !measure.bullet, !measure.table else { continue }
            if measures[index - 1].isProse, measures[index + 1].isProse { found.append(Self.text(bytes, kept[index].range)) }
        }
        return found
    }

    // MARK: Edits

    private func edits(_ bytes: UnsafeBufferPointer<UInt8>, _ lines: [LineState], fields: inout StripFields) -> [Edit] {
        var collector = EditCollector(stage: name, rule: "", input: bytes)
        // Where the run of removed lines that ends the text begins (lines.count: the last line stays).
        let trailingRemoved = (lines.lastIndex { $0.removedBy == nil } ?? -1) + 1
        for (index, line) in lines.enumerated() {
            if let removal = line.removedBy {
                // The whole line with its newline. The blank lines after it go too when it followed
                // a blank line or the next line goes as well, so that removed lines leave one gap at
                // most; when the text ends in removed lines, the blank lines before them go.
                var start = line.range.lowerBound
                while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
                var end = line.range.upperBound
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                if end < bytes.count { end += 1 }
                let followsGap = start == 0 || (start >= 2 && bytes[start - 2] == 0x0A)
                if followsGap || (index + 1 < lines.count && lines[index + 1].removedBy != nil) {
                    while end < bytes.count, bytes[end] == 0x0A { end += 1 }
                }
                if index == trailingRemoved {
                    while start >= 2, bytes[start - 1] == 0x0A, bytes[start - 2] == 0x0A { start -= 1 }
                }
                collector.rule = removal.rule
                collector.replace(start..<end, with: EmptyCollection())
                if let kind = removal.kind { fields.removed.append((kind, Self.text(bytes, line.range), removal.rule)) }
                for span in line.spans {
                    if let kind = span.kind { fields.removed.append((kind, Self.text(bytes, span.range), span.rule)) }
                }
                continue
            }
            for span in line.spans.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                var range = span.range
                while range.upperBound < line.range.upperBound, bytes[range.upperBound] == 0x20 { range = range.lowerBound..<range.upperBound + 1 }
                if range.upperBound == line.range.upperBound {
                    while range.lowerBound > line.range.lowerBound, bytes[range.lowerBound - 1] == 0x20 { range = range.lowerBound - 1..<range.upperBound }
                }
                collector.rule = span.rule
                collector.replace(range, with: EmptyCollection())
                if let kind = span.kind { fields.removed.append((kind, Self.text(bytes, span.range), span.rule)) }
            }
        }
        return collector.edits
    }

    /// The range without spaces, tabs and line ends at either side.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower] <= 0x20 { lower += 1 }
        while upper > lower, bytes[upper - 1] <= 0x20 { upper -= 1 }
        return lower..<upper
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
