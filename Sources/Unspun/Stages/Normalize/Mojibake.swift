/// Repairs UTF-8 that a single-byte code page misread on its way to the scrape (`â€™` back to
/// `’`, `Ã©` to `é`, `Ð¿Ñ€Ð¸` to `при`), the way ftfy decides: only a line that looks like
/// mojibake (`MojibakeScore` above 0) is considered, and a re-reading (`Rereading`) is taken
/// only when the characters read back as valid UTF-8 and the result scores lower. The whole
/// line is tried first in each code page; when no page fits it, each run of characters that
/// reads as UTF-8 sequences is tried alone, so correct text around it stays; what is left of
/// C1 controls is read as the Windows-1252 characters (quotes, dashes) they stand for. The
/// stage runs the rule again on its own output, so twice misread text comes back a layer at a
/// time (two at once when the first alone scores no lower). The rule names the page:
/// `mojibake:macroman`.
struct Mojibake: NormalizationRule {
    let name = "mojibake"
    /// Lead bytes of U+0080...U+05FF, U+2000...U+25FF and U+F8FF...U+FFFD, which all mojibake
    /// of these code pages contains: text without any is not scored.
    let triggers = ByteSet(Array(0xC2...0xD7) + [0xE2, 0xEF])
    let rereadsItsOutput = true

    func edits(in input: UnsafeBufferPointer<UInt8>, stage: String) -> [Edit] {
        var collector = EditCollector(stage: stage, rule: name, input: input)
        MojibakeScore.suspectLines(in: input) { Self.repair(MisreadLine(input, $0), into: &collector) }
        return collector.edits
    }

    private static func repair(_ line: MisreadLine, into collector: inout EditCollector) {
        let all = line.scalars.indices
        if let (page, reading) = bestRereading(line.scalars, all) {
            line.record(reading, pages: page, into: &collector)
            return
        }
        var repaired = false
        // A run must look like mojibake on its own: `rÃ¥` is suspect, but `Ã¥` alone is as likely
        // Latin-1 text (`DrÃ¥ber`) as a misread `å`.
        for run in line.runs() where MojibakeScore.of(line.scalars[run]) > 0 {
            guard let (page, reading) = bestRereading(line.scalars, run) else { continue }
            line.record(reading, pages: page, into: &collector)
            repaired = true
        }
        if !repaired { line.recordC1Controls(into: &collector) }
    }

    /// The re-reading of `scalars[range]` that scores lowest, counted with two characters of
    /// context on each side, if any scores lower than the text as it is. A re-reading that does
    /// not score lower on its own may still be the first layer of twice-misread text: then a
    /// second re-reading of it has to.
    private static func bestRereading(_ scalars: [UInt32], _ range: Range<Int>) -> (String, Rereading)? {
        let before = scalars[max(0, range.lowerBound - 2)..<range.lowerBound]
        let after = scalars[range.upperBound..<min(scalars.count, range.upperBound + 2)]
        func score(_ middle: some Sequence<UInt32>) -> Int { MojibakeScore.of([Array(before), Array(middle), Array(after)].joined()) }
        var best = score(scalars[range])
        var found: (String, Rereading)?
        for page in CodePage.all {
            guard let reading = Rereading(scalars[range], as: page), reading.changes(scalars) else { continue }
            let value = reading.score(score)
            if value < best {
                (best, found) = (value, (page.name, reading))
            } else if let (inner, second) = secondLayer(of: reading, score: score), second.score(score) < best {
                (best, found) = (second.score(score), (page.name + "+" + inner, reading.then(second)))
            }
            if best == 0 { break }
        }
        return found
    }

    /// The lowest-scoring re-reading of a re-reading's output, with its page.
    private static func secondLayer(of reading: Rereading, score: ([UInt32]) -> Int) -> (String, Rereading)? {
        let scalars = reading.scalars
        var found: (String, Rereading, Int)?
        for page in CodePage.all {
            guard let second = Rereading(scalars[...], as: page), second.changes(scalars) else { continue }
            let value = second.score(score)
            if value < found?.2 ?? Int.max { found = (page.name, second, value) }
        }
        return found.map { ($0.0, $0.1) }
    }
}
