import Foundation

/// Block features: a whole page comes as runs (a menu, a list of related headlines, a footer, a
/// comment thread), and a line is judged with its run, as jusText's context pass and boilerpipe's
/// block features judge a block by its neighbours. A run is a stretch of consecutive lines of one
/// shape: sentences, short lines (three words at most) or the rest. What the run holds (its
/// length, title-case and link-like lines, how alike its lines are) and the text density around a
/// line (the share of words in prose lines among the three lines either side) go beside the line's
/// own cues.
extension LineFeatures {
    static let runNames = [
        "run_lines", "run_sentences", "run_short", "run_title_case", "run_boiler", "run_same_length", "window_density",
        "window_short", "prose_gap_before", "prose_gap_after", "sentence_like", "sentence_in_dense_window",
    ]

    /// Lines either side that the window features look at.
    static let window = 3

    /// The line's shape class: 0 sentence-like, 1 short, 2 other.
    static func shape(_ m: Measure) -> UInt8 { m.isSentenceLike || m.isProse ? 0 : m.words <= 3 ? 1 : 2 }

    /// Whether a line is mostly capitalised words, as menu items and headlines are.
    static func isTitleCase(_ m: Measure) -> Bool { m.words >= 1 && m.capitalized * 10 >= m.words * 6 }

    /// Document-wide context for `fill`: word counts before each line, where prose stands, and
    /// each line's run and window.
    struct Context {
        /// Whether each line's text stands more than once among the lines.
        var repeated: [Bool]
        var proseShare: Double
        var wordsBefore: [Int]
        var totalWords: Int
        var firstProse: Int?
        var lastProse: Int?
        /// Per line: its run's first line and length, and the share of words in prose lines of
        /// the window around it (the line itself left out).
        var runStart: [Int32]
        var runLength: [Int32]
        var density: [Double]
        /// Per run (indexed by its first line): share of its lines that are title case, hold a
        /// boilerplate word, or fall in the line's word-count bin of the run's first line.
        var runTitle: [Float]
        var runBoiler: [Float]
        var runSameLength: [Float]
        /// Lines since the last prose line before and until the next one after (Int32.max: none).
        var proseBefore: [Int32]
        var proseAfter: [Int32]

        init(_ lines: [Measure]) {
            // Equal hashes side by side after sorting: no hashed set built and probed on every pass.
            let order = lines.indices.sorted { lines[$0].hash < lines[$1].hash }
            repeated = [Bool](repeating: false, count: lines.count)
            for (position, index) in order.enumerated().dropFirst() where lines[order[position - 1]].hash == lines[index].hash {
                repeated[index] = true
                repeated[order[position - 1]] = true
            }
            proseShare = lines.isEmpty ? 0 : Double(lines.filter(\.isProse).count) / Double(lines.count)
            var running = 0
            wordsBefore = lines.map { line in
                defer { running += line.words }
                return running
            }
            totalWords = running
            firstProse = lines.firstIndex(where: \.isProse)
            lastProse = lines.lastIndex(where: \.isProse)

            let count = lines.count
            runStart = [Int32](repeating: 0, count: count)
            runLength = [Int32](repeating: 0, count: count)
            runTitle = [Float](repeating: 0, count: count)
            runBoiler = [Float](repeating: 0, count: count)
            runSameLength = [Float](repeating: 0, count: count)
            var start = 0
            while start < count {
                let kind = LineFeatures.shape(lines[start])
                var end = start + 1
                while end < count, LineFeatures.shape(lines[end]) == kind { end += 1 }
                var title = 0
                var boiler = 0
                var same = 0
                let bin = LineFeatures.lengthBin(lines[start].words)
                for index in start..<end {
                    runStart[index] = Int32(start)
                    runLength[index] = Int32(end - start)
                    if LineFeatures.isTitleCase(lines[index]) { title += 1 }
                    if lines[index].boilerWords > 0 || lines[index].url { boiler += 1 }
                    if LineFeatures.lengthBin(lines[index].words) == bin { same += 1 }
                }
                let length = Float(end - start)
                runTitle[start] = Float(title) / length
                runBoiler[start] = Float(boiler) / length
                runSameLength[start] = Float(same) / length
                start = end
            }
            // Prefix sums of words and of prose words, for the window around each line.
            var words = [Int](repeating: 0, count: count + 1)
            var prose = [Int](repeating: 0, count: count + 1)
            for (index, line) in lines.enumerated() {
                words[index + 1] = words[index] + line.words
                prose[index + 1] = prose[index] + (line.isProse || line.isSentenceLike ? line.words : 0)
            }
            density = (0..<count).map { index in
                let low = max(0, index - LineFeatures.window)
                let high = min(count, index + LineFeatures.window + 1)
                let own = lines[index]
                let ownProse = own.isProse || own.isSentenceLike ? own.words : 0
                let total = words[high] - words[low] - own.words
                return total > 0 ? Double(prose[high] - prose[low] - ownProse) / Double(total) : 0
            }
            proseBefore = [Int32](repeating: .max, count: count)
            proseAfter = [Int32](repeating: .max, count: count)
            var last: Int?
            for index in 0..<count {
                if let last { proseBefore[index] = Int32(index - last) }
                if lines[index].isProse { last = index }
            }
            last = nil
            for index in (0..<count).reversed() {
                if let last { proseAfter[index] = Int32(last - index) }
                if lines[index].isProse { last = index }
            }
        }
    }

    static func lengthBin(_ words: Int) -> Int {
        switch words {
        case ...1: 0
        case ...3: 1
        case ...6: 2
        case ...10: 3
        case ...20: 4
        case ...40: 5
        default: 6
        }
    }

    /// Lines to the nearest prose line, as 0 (beside it) to 1 (eight or more lines away, or none).
    private static func gap(_ lines: Int32) -> Double { lines == .max ? 1 : min(1, log2(Double(lines)) / 3) }

    /// The run and window features of line `index`, `runNames.count` values.
    static func writeRunFeatures(_ lines: [Measure], _ index: Int, context: Context, to out: UnsafeMutablePointer<Double>) {
        let m = lines[index]
        let start = Int(context.runStart[index])
        let shape = shape(lines[start])
        out[0] = min(1, log2(Double(context.runLength[index])) / 4)
        out[1] = shape == 0 ? 1 : 0
        out[2] = shape == 1 ? 1 : 0
        out[3] = Double(context.runTitle[start])
        out[4] = Double(context.runBoiler[start])
        out[5] = Double(context.runSameLength[start])
        out[6] = context.density[index]
        var short = 0
        var seen = 0
        for other in max(0, index - window)...min(lines.count - 1, index + window) where other != index {
            seen += 1
            if lines[other].words <= 3 { short += 1 }
        }
        out[7] = seen > 0 ? Double(short) / Double(seen) : 0
        out[8] = gap(context.proseBefore[index])
        out[9] = gap(context.proseAfter[index])
        out[10] = m.isSentenceLike ? 1 : 0
        out[11] = m.isSentenceLike && context.density[index] >= 0.5 ? 1 : 0
    }
}
