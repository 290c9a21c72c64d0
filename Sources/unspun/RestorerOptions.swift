import ArgumentParser
import Unspun

/// The spin restorer's model and thresholds, on repair and clean.
struct RestorerOptions: ParsableArguments {
    @Option(
        name: .customLong("lm"),
        help: """
            Turn on repair's spin restorer with this language model: 'default' (Rules/LANG/news.lm) \
            or a file from `unspun lm build`. Off unless given: it undoes about a quarter of a \
            thesaurus spinner's swaps, at about a fifth of repair's speed.
            """)
    var languageModel: String?

    @Option(
        name: .customLong("lm-thesaurus"),
        help: ArgumentHelp(
            """
            Restorer: the table of candidate wordings (default: Rules/LANG/thesaurus.tsv, from WordNet and \
            mythes). `Rules/tools/make_thesaurus.py --sources wordnet,mythes,aiksaurus` builds one that \
            also covers Aiksaurus (Moby) swaps; its GPL-2+ licence keeps it out of the shipped rules.
            """, valueName: "file"))
    var thesaurus: String?

    @Option(help: "Restorer: by how much (natural log) a candidate's score, the model's gain plus the channel, must beat the text.")
    var lmMargin = SpinRestorer.Settings().margin

    @Option(help: "Restorer: how far (natural log) the best candidate must lead the next best.")
    var lmLead = SpinRestorer.Settings().lead

    @Option(help: "Restorer: the weight of the thesaurus's log chance of a swap (1 over the candidate's synonym count) beside the model's gain; 0: the model alone.")
    var lmChannelWeight = SpinRestorer.Settings().channelWeight

    @Option(help: "Restorer: below this many restorations per 1,000 words a document reads as lightly spun, and each restoration needs a wider margin.")
    var lmDenseRestorations = SpinRestorer.Settings().denseRestorations

    @Option(help: "Restorer: how much wider (times the log of how far below --lm-dense-restorations the document is); 0: one margin for every document.")
    var lmSparsePenalty = SpinRestorer.Settings().sparsePenalty

    @Option(help: "Restorer: the margin of a span that counts toward judging the document spun.")
    var lmDetectionMargin = SpinRestorer.Settings().detectionMargin

    @Option(help: "Restorer: spans won by the detection margin per 1,000 words for a document to read as spun.")
    var lmPerThousand = SpinRestorer.Settings().minimumPerThousand

    @Option(help: "Restorer: spans won by the detection margin for a document to read as spun.")
    var lmSpans = SpinRestorer.Settings().minimumSpans

    @Option(help: "Restorer: every this many words, give up on a document not dense enough in odd spans so far (0: read every document to its end).")
    var lmCheckEvery = SpinRestorer.Settings().checkEvery

    @Option(help: "Restorer: the odd spans per 1,000 words so far a document needs at each check to be read on.")
    var lmCheckPerThousand = SpinRestorer.Settings().checkPerThousand

    func validate() throws {
        guard lmCheckEvery >= 0 else { throw ValidationError("--lm-check-every takes a number of words, 0 or more (0: never give up early)") }
        guard thesaurus == nil || languageModel != nil else { throw ValidationError("--lm-thesaurus is the restorer's table: give --lm too (e.g. --lm default)") }
        for (flag, value) in [("--lm-channel-weight", lmChannelWeight), ("--lm-dense-restorations", lmDenseRestorations), ("--lm-sparse-penalty", lmSparsePenalty)] where !(value >= 0) {
            throw ValidationError("\(flag) takes a number, 0 or more (0 turns it off)")
        }
    }

    func apply(to book: inout RuleBook) {
        book.languageModel = languageModel
        book.thesaurus = thesaurus
        book.restorerSettings.margin = lmMargin
        book.restorerSettings.detectionMargin = lmDetectionMargin
        book.restorerSettings.lead = lmLead
        book.restorerSettings.channelWeight = lmChannelWeight
        book.restorerSettings.denseRestorations = lmDenseRestorations
        book.restorerSettings.sparsePenalty = lmSparsePenalty
        book.restorerSettings.minimumPerThousand = lmPerThousand
        book.restorerSettings.minimumSpans = lmSpans
        book.restorerSettings.checkEvery = lmCheckEvery > 0 ? lmCheckEvery : Int.max
        book.restorerSettings.checkPerThousand = lmCheckPerThousand
    }
}
