import Foundation

/// What the line classifier sees of a line: plain-text cues that survive the loss of HTML
/// (length, end punctuation, stopword density as in jusText, capitals, digits and symbols,
/// boilerplate words, list and table marks, repetition, position) and the same cues of the lines
/// around it. Computed on bytes, without ICU.
struct LineFeatures {
    /// Feature names in vector order; `lines.model` gives a weight to each by name.
    static let names: [String] = {
        var names = ["bias"]
        for prefix in ["", "prev_", "next_"] {
            names += ["words_0_1", "words_2_3", "words_4_6", "words_7_10", "words_11_20", "words_21_40", "words_41_up"].map { prefix + $0 }
            names += ["end_period", "end_question", "end_colon", "end_quote", "end_other", "end_none"].map { prefix + $0 }
            names += ["stopwords", "stopwords_low", "capitals", "all_caps", "digits", "symbols"].map { prefix + $0 }
            if prefix.isEmpty {
                names +=
                    [
                        "boiler_words_1", "boiler_words_2_up", "bullet", "table", "url", "code", "repeated", "first", "last",
                        "position", "doc_prose_share", "log_chars", "long_no_end", "indented", "code_start", "code_end", "identifier",
                        "words_before", "words_after", "prose_after_none", "prose_before_none",
                    ] + runNames
            } else {
                names.append(prefix + "missing")
            }
        }
        return names
    }()

    static let count = names.count

    /// Cheap per-line measurements, computed once and shared by the line and its neighbours.
    struct Measure {
        var words = 0
        var chars = 0
        var stopwords = 0
        var capitalized = 0
        var allCaps = false
        var digits = 0
        var symbols = 0
        var boilerWords = 0
        var end: UInt8 = 0
        var bullet = false
        var table = false
        var url = false
        var code = false
        var indented = false
        var codeStart = false
        var codeEnd = false
        var identifier = false
        var hash: UInt64 = 0
        /// Opens with a capital letter, a digit, a quote or a non-ASCII letter.
        var opensLikeSentence = false
        var isProse: Bool { words >= 10 && (end == 1 || end == 2 || end == 4) }
        /// Reads as a sentence, however short: the lines strip must not take without strong evidence.
        var isSentenceLike: Bool { words >= 4 && stopwords >= 1 && opensLikeSentence && (end == 1 || end == 2 || end == 4) && capitalized < words }
    }

    /// What `measure` needs to know of a byte, looked up once per byte.
    enum ByteClass {
        static let letter: UInt8 = 1, upper: UInt8 = 2, digit: UInt8 = 4, word: UInt8 = 8, codeMark: UInt8 = 16, pairEnd: UInt8 = 32
    }

    static let byteClasses: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        var kind: UInt8 = 0
        let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        if isLetter { kind |= ByteClass.letter }
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { kind |= ByteClass.upper }
        if isDigit { kind |= ByteClass.digit }
        if isLetter || isDigit || byte >= 0x80 { kind |= ByteClass.word }
        if "{};=<>()".utf8.contains(byte) { kind |= ByteClass.codeMark }
        if "_)>:/=".utf8.contains(byte) { kind |= ByteClass.pairEnd }
        return kind
    }

    /// Marks in `LineFeatures.words` and in a strip stage's word table.
    enum WordMark {
        static let stopword: UInt8 = 1, boilerplate: UInt8 = 2, ruleWord: UInt8 = 4
    }

    /// Stopwords and boilerplate words, keyed by their `LetterRuns` hash; a strip stage adds its
    /// rules' words to these.
    static let wordMarks: [(key: UInt64, marks: UInt8)] =
        stopwords.map { (LetterRuns.hash($0), WordMark.stopword) } + boilerplateWords.map { (LetterRuns.hash($0), WordMark.boilerplate) }

    static let words = FastHashSet(marked: wordMarks)

    /// Measures a line; `indent` is how many spaces or tabs stood before it. Words (runs of
    /// letters, digits and non-ASCII bytes, with apostrophes after their first byte) are read in
    /// an inner loop; URL marks ("http", "www.", ".com") are checked only at "p" and ".".
    /// `words` marks stopwords, boilerplate words and rule words, all made of letters only: a
    /// word that is one run of letters needs one lookup for all three, and its hash is its run's.
    /// `ruleRun` gets the `LetterRuns` hash of each run of ASCII letters that `words` marks as a
    /// rule word, so that the strip rules' word prefilter needs no pass of its own.
    static func measure(_ line: UnsafeBufferPointer<UInt8>, indent: Int = 0, words: FastHashSet = Self.words, ruleRun: (UInt64) -> Void = { _ in }) -> Measure {
        var m = Measure()
        m.indented = indent >= 2
        m.chars = line.count
        var letters = 0
        var upperLetters = 0
        var codeMarks = 0
        var pipes = 0
        if let base = line.baseAddress {
            Self.byteClasses.withUnsafeBufferPointer { classes in
                let count = line.count
                var index = 0
                while index < count {
                    let byte = base[index]
                    if byte == 0x20 {
                        index += 1
                        continue
                    }
                    let kind = classes[Int(byte)]
                    if kind & ByteClass.word != 0 {
                        if kind & ByteClass.upper != 0 { m.capitalized &+= 1 }
                        let wordStart = index
                        var hash = FNV1a.basis
                        var onlyLetters = true
                        while index < count {
                            let current = base[index]
                            let lower = current | 0x20
                            if lower &- UInt8(ascii: "a") < 26 {
                                hash = (hash ^ UInt64(lower)) &* FNV1a.prime
                                letters &+= 1
                                // ASCII capitals have bit 5 clear.
                                upperLetters &+= Int(~current >> 5 & 1)
                                if lower == UInt8(ascii: "p"), index >= 3, Self.lowercased(base, index - 3, is: "htt") { m.url = true }
                            } else if classes[Int(current)] & ByteClass.word != 0 || current == UInt8(ascii: "'") {
                                hash = (hash ^ UInt64(current)) &* FNV1a.prime
                                if current &- UInt8(ascii: "0") < 10 { m.digits &+= 1 }
                                onlyLetters = false
                            } else {
                                break
                            }
                            index += 1
                        }
                        m.words &+= 1
                        if onlyLetters {
                            let marks = words.marks(of: hash)
                            if marks & WordMark.stopword != 0 { m.stopwords &+= 1 }
                            if marks & WordMark.boilerplate != 0 { m.boilerWords &+= 1 }
                            if marks & WordMark.ruleWord != 0 { ruleRun(hash) }
                        } else {
                            LetterRuns.forEachRun(in: UnsafeBufferPointer(rebasing: line[wordStart..<index])) { run, _ in
                                if words.marks(of: run) & WordMark.ruleWord != 0 { ruleRun(run) }
                            }
                        }
                        continue
                    }
                    if byte > 0x20 {
                        m.symbols &+= 1
                        if kind & ByteClass.codeMark != 0 { codeMarks &+= 1 }
                        if byte == UInt8(ascii: "|") { pipes &+= 1 }
                    }
                    if kind & ByteClass.pairEnd != 0 {
                        switch (index > 0 ? base[index - 1] : 0, byte) {
                        case (_, UInt8(ascii: "_")), (UInt8(ascii: "("), UInt8(ascii: ")")), (UInt8(ascii: "="), UInt8(ascii: ">")),
                            (UInt8(ascii: ":"), UInt8(ascii: ":")), (UInt8(ascii: "-"), UInt8(ascii: ">")), (UInt8(ascii: "="), UInt8(ascii: "=")),
                            (UInt8(ascii: "<"), UInt8(ascii: "/")), (UInt8(ascii: "/"), UInt8(ascii: ">")):
                            m.identifier = true
                        default: break
                        }
                    }
                    if byte == UInt8(ascii: "."),
                        (index >= 3 && Self.lowercased(base, index - 3, is: "www")) || (index + 3 < count && Self.lowercased(base, index + 1, is: "com"))
                    {
                        m.url = true
                    }
                    index += 1
                }
            }
        }
        let lowerLetters = letters - upperLetters
        m.hash = WordScan.hash(line)
        m.allCaps = upperLetters >= 2 && lowerLetters == 0
        m.table = pipes >= 2
        m.code = codeMarks >= 3 || (codeMarks >= 1 && m.words <= 4 && lowerLetters > 0 && line.last.map { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") } == true)
        m.end = endClass(line)
        if let first = line.first {
            let second = line.count > 1 ? line[1] : 0
            m.bullet =
                (first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+")) && second == 0x20
                || (first == 0xE2 && second == 0x80 && line.count > 2 && line[2] == 0xA2)
                || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") && (second == UInt8(ascii: ".") || second == UInt8(ascii: ")")))
        }
        if let first = line.first, let last = line.last {
            m.opensLikeSentence = first &- UInt8(ascii: "A") < 26 || first &- UInt8(ascii: "0") < 10 || first == UInt8(ascii: "\"") || first >= 0xC3
            m.codeStart =
                [
                    UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "<"), UInt8(ascii: "/"), UInt8(ascii: "#"), UInt8(ascii: "`"),
                    UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "$"), UInt8(ascii: "@"), UInt8(ascii: "."), UInt8(ascii: "="),
                ].contains(first)
                || startsWithKeyword(line)
            m.codeEnd =
                [
                    UInt8(ascii: ";"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ","), UInt8(ascii: "["),
                    UInt8(ascii: "="), UInt8(ascii: ">"),
                ].contains(last) && m.end != 1
        }
        return m
    }

    /// Layout of the vector: the bias, the line's own cues, its extras, then the cues of the line
    /// before it and of the line after it, each followed by a "missing" flag.
    static let cueCount = 19, extraCount = 21 + runNames.count
    static let ownCues = 1, extras = ownCues + cueCount, previousCues = extras + extraCount, nextCues = previousCues + cueCount + 1

    /// The cues a line gives for itself and, under `prev_` and `next_`, for its neighbours:
    /// length bin, end punctuation, stopword share, capitals, digits and symbols.
    static func writeCues(_ m: Measure, to out: UnsafeMutablePointer<Double>) {
        let bin = lengthBin(m.words)
        for b in 0..<7 { out[b] = b == bin ? 1 : 0 }
        for e in 1...6 { out[6 + e] = Int(m.end) == e ? 1 : 0 }
        let words = Double(max(m.words, 1))
        let stopShare = Double(m.stopwords) / words
        out[13] = stopShare
        out[14] = m.words >= 4 && stopShare < 0.2 ? 1 : 0
        out[15] = Double(m.capitalized) / words
        out[16] = m.allCaps ? 1 : 0
        out[17] = Double(m.digits) / Double(max(m.chars, 1))
        out[18] = Double(m.symbols) / Double(max(m.chars, 1))
    }

    /// The line's own features beyond its cues: marks, repetition and where it stands.
    static func writeExtras(_ lines: [Measure], _ index: Int, context: Context, to out: UnsafeMutablePointer<Double>) {
        let m = lines[index]
        out[0] = m.boilerWords == 1 ? 1 : 0
        out[1] = m.boilerWords >= 2 ? 1 : 0
        out[2] = m.bullet ? 1 : 0
        out[3] = m.table ? 1 : 0
        out[4] = m.url ? 1 : 0
        out[5] = m.code ? 1 : 0
        out[6] = context.repeated[index] ? 1 : 0
        out[7] = index == 0 ? 1 : 0
        out[8] = index == lines.count - 1 ? 1 : 0
        out[9] = lines.count > 1 ? Double(index) / Double(lines.count - 1) : 0
        out[10] = context.proseShare
        out[11] = log(Double(m.chars + 1)) / 8
        out[12] = m.words >= 12 && m.end == 6 ? 1 : 0
        out[13] = m.indented ? 1 : 0
        out[14] = m.codeStart ? 1 : 0
        out[15] = m.codeEnd ? 1 : 0
        out[16] = m.identifier ? 1 : 0
        let total = Double(max(context.totalWords, 1))
        out[17] = Double(context.wordsBefore[index]) / total
        out[18] = Double(context.totalWords - context.wordsBefore[index] - m.words) / total
        out[19] = context.lastProse.map { $0 <= index } ?? true ? 1 : 0
        out[20] = context.firstProse.map { $0 >= index } ?? true ? 1 : 0
        writeRunFeatures(lines, index, context: context, to: out + 21)
    }

    /// Writes the whole feature vector of line `index` into `vector` (`count` long), as
    /// `featureSink` receives it; `LineModel` scores the same parts without building it.
    static func fill(_ vector: inout [Double], _ lines: [Measure], _ index: Int, context: Context) {
        vector.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress!
            for position in buffer.indices { out[position] = 0 }
            out[0] = 1
            writeCues(lines[index], to: out + ownCues)
            writeExtras(lines, index, context: context, to: out + extras)
            if index > 0 { writeCues(lines[index - 1], to: out + previousCues) } else { out[previousCues + cueCount] = 1 }
            if index + 1 < lines.count { writeCues(lines[index + 1], to: out + nextCues) } else { out[nextCues + cueCount] = 1 }
        }
    }
}
