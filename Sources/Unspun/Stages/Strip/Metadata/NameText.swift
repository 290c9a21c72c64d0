/// Whether words read as a person's name, and the names a byline lists. A name is two to four
/// capitalised words (particles such as "van" or "de" between them), none of them a common word,
/// a month or a page word; after an explicit "By" a team ("the Lavazza Team") passes too. When unsure, a line is no name: a wrong author is worse than none.
enum NameText {
    /// The names in a byline's name part: "Anna Smith and John Doe", "A, B & C".
    static func names(in text: Substring, explicit: Bool) -> [String]? {
        var parts: [Substring] = []
        var pieces = text.split(separator: ",")
        // "By Tracy Parker, Dietitian": one word after the names' last comma is a role.
        if explicit, pieces.count > 1, let last = pieces.last?.split(separator: " "), last.count == 1, last[0].first?.isUppercase == true, !last[0].contains("&") {
            pieces.removeLast()
        }
        for piece in pieces {
            for part in piece.split(separator: "&") { parts.append(contentsOf: splitAnd(part)) }
        }
        let names = parts.map { $0.split(separator: " ").joined(separator: " ") }.filter { !$0.isEmpty && !isCredential($0) }
        guard !names.isEmpty, names.count <= 6 else { return nil }
        for name in names where !isName(name.split(separator: " "), explicit: explicit) { return nil }
        return names
    }

    /// Letters after a name's comma that are a degree or a title ("MS", "RDN", "Ph.D.", "CPA").
    static func isCredential(_ part: String) -> Bool {
        let letters = part.filter(\.isLetter)
        return !part.contains(" ") && (2...5).contains(letters.count) && letters.filter(\.isUppercase).count >= letters.count - 1
            && part.allSatisfy { $0.isLetter || $0 == "." }
    }

    private static func splitAnd(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var rest = text[...]
        while let range = rest.range(of: " and ") {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }

    /// Two to four name words; with `explicit`, up to five, and teams (any capitalised words before
    /// a team word). Not a name said twice
    /// ("Colin Gray Colin Gray"), and capitals only when the whole name is in capitals.
    static func isName(_ words: [Substring], explicit: Bool) -> Bool {
        guard (explicit ? 2...5 : 2...4).contains(words.count) else { return false }
        if words.count == 4, words[0] == words[2], words[1] == words[3] { return false }
        let shouting = words.map { $0.count >= 2 && !isInitial($0) && $0.allSatisfy { !$0.isLowercase } }
        // All in capitals only after "BY": a name in capitals alone is a brand ("NVIDIA GTC").
        if shouting.contains(true), shouting.contains(false) || !explicit { return false }
        // After "By", a team: capitalised words before a team word ("News Desk", "Our Editors");
        // the loop below still reads teams after lower-case words ("the Lavazza Team").
        if explicit, teams.contains(words[words.count - 1].lowercased()), words.dropLast().allSatisfy({ isNameWord($0) }) { return true }
        var capitalised = 0
        for (index, word) in words.enumerated() {
            let lower = word.lowercased()
            if index > 0, index < words.count - 1, particles.contains(lower) { continue }
            if explicit, index == 0, lower == "the", words.count >= 2 { continue }
            if explicit, index == words.count - 1, index > 0, teams.contains(lower) {
                capitalised += 1
                continue
            }
            // "By June Smith", "by Autumn Lane", "By Tom May": a month or season word is a
            // given or family name after "By".
            if explicit, index == 0 || index == words.count - 1, givenMonths.contains(lower) {
                capitalised += index == 0 ? 0 : 1
                continue
            }
            // "A. J. Neal", "Shivkumar M": an initial is no common word ("a").
            if isInitial(word), index > 0 || word.count > 1 {
                capitalised += 1
                continue
            }
            guard isNameWord(word, joinsHyphens: explicit), !common.contains(lower.trimmingDots), !isNounLike(lower, family: explicit && index > 0 && index == words.count - 1) else {
                return false
            }
            capitalised += 1
        }
        return capitalised >= 1
    }

    /// A team alone on its line ("Everfit Team", "The Upwork Team", "Podium Staff"): one to three
    /// capitalised words, none a common word, before a team word. Like a bare name, it counts
    /// only beside the headline and a date.
    static func isTeam(_ words: [Substring]) -> Bool {
        let named = words.first == "The" ? words.dropFirst() : words[...]
        guard (2...4).contains(named.count), let last = named.last, teams.contains(last.lowercased()) else { return false }
        return named.dropLast().allSatisfy { isUncommonNameWord($0) }
    }

    /// One word that may be a given name alone ("Gabo", "Stefan"): a name word of three to
    /// twelve letters, no common word, nor ending like a noun.
    static func isGivenName(_ word: Substring) -> Bool {
        (3...12).contains(word.count) && word.allSatisfy(\.isLetter) && isUncommonNameWord(word)
    }

    /// A name word that is no common word and does not end like a noun.
    private static func isUncommonNameWord(_ word: Substring) -> Bool {
        let lower = word.lowercased()
        return isNameWord(word, joinsHyphens: false) && !common.contains(lower) && !isNounLike(lower, family: false)
    }

    /// "Smith", "O'Neil", "Jean-Luc", "J.", "McDonald": a capital, then letters, dots,
    /// apostrophes and hyphens, no digits, not ending in "'s". With `joinsHyphens` (after "By") each part of a
    /// hyphenated name counts apart ("Smith-Jones"); else a long part before the hyphen reads as
    /// two words glued ("Hardware-Attested Nix Builds" under a headline is no name).
    static func isNameWord(_ word: Substring, joinsHyphens: Bool = true) -> Bool {
        guard let first = word.unicodeScalars.first, first.properties.isUppercase else { return false }
        // A possessive is no name ("Marlee’s Lemonade").
        if word.hasSuffix("’s") || word.hasSuffix("'s") { return false }
        var letters = 0
        var lowerRun = 0
        for scalar in word.unicodeScalars {
            if scalar.properties.isAlphabetic {
                letters += 1
                // A capital after four small letters is two words glued ("LauziereFollow").
                if scalar.properties.isUppercase, lowerRun >= 4 { return false }
                lowerRun = scalar.properties.isLowercase ? lowerRun + 1 : 0
            } else if scalar == "-", joinsHyphens {
                // "Smith-Jones", "Marie-Claire": each part of a hyphenated name is a word.
                lowerRun = 0
            } else if !".'’-".unicodeScalars.contains(scalar) {
                return false
            }
        }
        return letters >= 2 || word.count == 2 && word.hasSuffix(".")
    }

    /// "J.", "Z.B.", or a capital alone ("Shivkumar M", not first in a name).
    static func isInitial(_ word: Substring) -> Bool {
        word.count == 1 && word.first!.isASCII && word.first!.isUppercase
            || word.count >= 2 && word.count % 2 == 0 && word.enumerated().allSatisfy { $0.offset % 2 == 1 ? $0.element == "." : $0.element.isUppercase }
    }

    /// The text with a space before a page word glued to the word before it, the capital
    /// after a small letter ("MillerPublished:", "FurrerUpdated", "AnthonyJanuary 4"); names
    /// with an inner capital ("McDonald", "DeVos") are left whole.
    static func unglued(_ text: String) -> String {
        // Most lines glue nothing: ASCII with no lower-case letter right before an upper-case one.
        let bytes = text.utf8
        if bytes.allSatisfy({ $0 < 0x80 }), !zip(bytes, bytes.dropFirst()).contains(where: { DateParser.isLower($0) && DateParser.isUpper($1) }) {
            return text
        }
        var result = ""
        var previous: Character = " "
        for (offset, character) in zip(text.indices, text) {
            if character.isUppercase, previous.isLowercase {
                let word = text[offset...].prefix { $0.isLetter }.lowercased()
                if common.contains(word) { result.append(" ") }
            }
            result.append(character)
            previous = character
        }
        return result
    }

    /// Endings of English nouns and adjectives that names do not have ("Interpretability",
    /// "Management", "Coding", "Movers", "Politics").
    static let nounEndings = ["tion", "sion", "ity", "ment", "ness", "ology", "ical", "ous", "able", "ing", "ers", "ics"]

    /// Whether a word ends like a noun; a family name after "By" may end in "-ers" ("By Kenny
    /// Rogers", "Summers", "Powers"; a name alone on its line so ending is a firm's: "California Movers").
    /// One letter before the ending is a short name, no noun ("King", "Ming", "Ness").
    static func isNounLike(_ lower: String, family: Bool) -> Bool {
        nounEndings.contains { lower.hasSuffix($0) && lower.count >= $0.count + 2 && !(family && $0 == "ers") }
    }

    /// Month, season and other common words that are given names too ("June Smith", "Autumn
    /// Lane", "Will Judd"): after "By" they are read as names unless a number follows ("By June
    /// 3, 2024").
    static let givenMonths: Set<String> = [
        "january", "april", "may", "june", "july", "august", "summer", "autumn", "winter", "will",
    ]

    static let particles: Set<String> = [
        "de", "van", "von", "der", "den", "da", "di", "del", "della", "la", "le", "al", "bin", "ibn", "du", "dos", "das", "ter", "el",
    ]
    static let teams: Set<String> = ["team", "staff", "desk", "editors", "editorial"]

    /// Capitalised words that are not names: function words, page words, months, days, roles,
    /// and the words headlines and menus start with.
    static let common: Set<String> = Set(
        LineFeatures.stopwords + LineFeatures.boilerplateWords
            + """
            january february march april june july august september october november december jan feb mar apr jun jul aug \
            sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday updated published \
            posted written reviewed edited author authors editor editors staff writer reporter correspondent contributor team admin desk news \
            blog post posts article articles story stories guide tips best top free service services business marketing health \
            photo photos image images video getty reuters press media group company inc llc ltd university college school \
            department office center centre institute council government ministry police court city county state national \
            international world global online digital social review reviews learn about contact policy view see show find \
            get make take use start how what why when where who which new old first last next all every our my your his her \
            their its this that these those here there yes no not north south east west america american europe european \
            china chinese india indian africa african asia canada london paris washington york street road avenue minutes \
            min hours read reading time page pages site website web home shop store cart login sign register search menu \
            subscribe follow share print email comments comment reply like tweet pin save download buy order call now \
            daily weekly monthly weekend morning evening night summer winter spring fall autumn week month year years day \
            days info information faq help support customer customers client clients product products solution solutions \
            category categories tag tags topic topics section sections privacy terms cookie cookies copyright rights \
            insights resources resource library events event careers jobs pricing plans plan features feature overview \
            introduction conclusion summary chapter part step steps table contents related trending popular latest \
            featured sponsored advertisement opinion analysis editorial report reports research study studies type types \
            role roles industry industries location size price challenge case insight insights functionality modality \
            agencies agency brands brand category experts expert community members member partners partner disclosure advertiser style
            """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) + BylineText.roles)
}

extension String {
    fileprivate var trimmingDots: String {
        var text = self
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
