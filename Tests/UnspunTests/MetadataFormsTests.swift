import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// The forms the page pass reads beside the headline (a byline after the date, a name over its
/// role, a date just under the headline late in the page) and the parts of a page whose dates
/// and bylines are not the article's (comments, related posts, a menu's "By" items).
@Suite struct MetadataFormsTests {
    func strip(_ text: String) throws -> Document { try StripTests().strip(text, readsPageMetadata: true) }

    static let lede = """
        A good office chair supports the lower back, and the right height keeps the feet flat on the floor.
        We tested twenty chairs over six weeks in our office and asked a physiotherapist to judge each one.
        """

    @Test(
        arguments: [
            ("May 3, 2017 By Erin Spain 4 Comments", ["Erin Spain"]), ("March 15, 2022 · 3 min read · By Jane Porter", ["Jane Porter"]),
            ("October 11, 2023 by Autumn Lane", ["Autumn Lane"]), ("Written by: Colin Gray Colin Gray", ["Colin Gray"]),
            ("Audrey Huang, Print Managing Editor", ["Audrey Huang"]), ("Florence Nightingale, data analyst", nil),
            ("Interview by Sylvia Bishop", ["Sylvia Bishop"]),
        ] as [(String, [String]?)])
    func bylineFormIsRead(line: String, names: [String]?) {
        let dates = DateParser().dates(in: Array(line.utf8))
        #expect(BylineText.read(line, date: dates.first?.range)?.names == names, "\(line)")
    }

    /// The forms of issue #24's second pass: month and season given names, "-ers" family names,
    /// hyphenated names, "Reviewed by" and "Edited by" after the names, "⋅" and "●" separators,
    /// a reading time before the byline, "Recipe by" and "Guide by"; and lines that stay no byline.
    @Test(
        arguments: [
            ("By June Smith", ["June Smith"]), ("By May Rogers | Staff Writer", ["May Rogers"]), ("By June 3, 2024", nil),
            ("By May 2025, the plant will close.", nil), ("By Summer 2026 Updates", nil), ("By Kenny Rogers", ["Kenny Rogers"]),
            ("Written by Anna Powers, Staff Writer", ["Anna Powers"]), ("California Movers", nil),
            ("Written by Lisa Greene-Lewis", ["Lisa Greene-Lewis"]), ("By Jean-Pierre Dupont and Ann Smith-Jones", ["Jean-Pierre Dupont", "Ann Smith-Jones"]),
            ("Hardware-Attested Nix Builds", nil), ("By Jane Doe Reviewed by John Smith", ["Jane Doe"]),
            ("By Jane Doe Edited by John Smith", ["Jane Doe"]), ("Reviewed by John Smith", nil), ("Edited by John Smith", nil),
            ("By Matthew Richardson ⋅ Review Editor ⋅ Updated November 18, 2025", ["Matthew Richardson"]),
            ("by Meaghan Weeden ● December 23, 2025 ● 6 min read", ["Meaghan Weeden"]), ("5 min read Written by Jane Porter", ["Jane Porter"]),
            ("14 min read · By Jane Porter", ["Jane Porter"]), ("5 minutes by car from the station", nil), ("5 min read", nil),
            ("Recipe by Jane Porter", ["Jane Porter"]), ("Guide by Jane Porter | May 3, 2025", ["Jane Porter"]), ("Guide by price range", nil),
            ("Cloud Hosting", nil), ("By Clicking Submit", nil), ("Marlee’s Lemonade", nil), ("by News Desk", ["News Desk"]),
            ("By News Desk, May 3, 2025", ["News Desk"]), ("Written by Our Editors | May 3, 2025", ["Our Editors"]),
            ("Oct 1, 2025 Apple Unveils iPhone 17", nil), ("Silicon Valley • Business • May 3, 2025", nil),
            ("Dec 26, 2025 • Mahua Das in Project Management", ["Mahua Das"]), ("Dec 17, 2025 Julian K. Arni", ["Julian K. Arni"]),
            ("David Hartshorne • Updated on Jul 4, 2024 • 28 min read", ["David Hartshorne"]),
            ("March 3, 2025 Supreme Court Rules on Tariffs", nil), ("Dec 17, 2025 • Business • Markets", nil),
            ("Article by Jane Porter", ["Jane Porter"]),
        ] as [(String, [String]?)])
    func secondBylineFormIsRead(line: String, names: [String]?) {
        let dates = DateParser().dates(in: Array(line.utf8))
        #expect(BylineText.read(line, date: dates.first?.range)?.names == names, "\(line)")
    }

    /// The page pass reads these lines (their bytes open like a byline).
    @Test(arguments: ["5 min read Written by Jane Porter", "12 mins · By Jane Porter", "Recipe by Jane Porter", "Guide by Jane Porter"])
    func bylineLineIsOffered(line: String) {
        #expect(Array(line.utf8).withUnsafeBufferPointer { BylineText.mayHold($0) }, "\(line)")
    }

    /// Sentences that open like the new forms stay article text and name no author.
    @Test func sentencesOpeningLikeTheNewFormsStay() throws {
        let sentences =
            "By June 3, 2024 the plant will close, and the 400 workers there will be offered jobs elsewhere.\n"
            + "By May the river had risen two metres, and the town's lower streets were under water for a week.\n"
        let document = try strip("How the Town Lived Through the Flood\n" + sentences + Self.lede)
        #expect(document.metadata["authors"] == nil)
        #expect(document.text.contains("By June 3, 2024 the plant will close"))
        #expect(document.text.contains("By May the river had risen"))
    }

    @Test func nameGluedToTheDateIsReadApart() {
        let line = "Stef KeeganAugust 5, 2024"
        let date = DateParser().dates(in: Array(line.utf8)).first
        #expect(date?.iso == "2024-08-05")
        #expect(BylineText.read(line, date: date?.range)?.names == ["Stef Keegan"])
    }

    @Test(arguments: [("Content Editor", true), ("VP - Technology", true), ("Former McKinsey Consultant", true), ("Marketing", false)])
    func roleLineIsKnown(line: String, isRole: Bool) {
        #expect(BylineText.isRole(line) == isRole)
    }

    @Test func nameOverItsRoleUnderTheHeadlineIsTheAuthor() throws {
        let document = try strip("Home\nBlog\nHow to Choose an Office Chair\nBrinda Gulati\nContent Editor\n" + Self.lede)
        #expect(document.metadata["authors"] == .array([.string("Brinda Gulati")]))
    }

    @Test func updatedLineAnchorsTheHeadline() throws {
        let document = try strip("Home\nTax Guides\nThe Best Tax Prep Software of the Year\nUpdated on July 9, 2025\n" + Self.lede)
        #expect(document.metadata["title"] == .string("The Best Tax Prep Software of the Year"))
        #expect(document.metadata["date"] == nil)
        #expect(document.metadata["updated"] == .string("2025-07-09"))
    }

    @Test func headlineBelowItsDateIsFound() throws {
        let document = try strip("Blog\nBack to posts\nJune 6, 2021\nA brief introduction to version control\n" + Self.lede)
        #expect(document.metadata["title"] == .string("A brief introduction to version control"))
        #expect(document.metadata["date"] == .string("2021-06-06"))
    }

    /// The article's date beside its headline counts however far down the page it stands.
    @Test func dateUnderTheHeadlineLateInThePageIsTaken() throws {
        let menu = (1...40).map { "* Menu item \($0)" }.joined(separator: "\n")
        let document = try strip(menu + "\nHow Do Robot Vacuums Map a Room?\n2024-11-06\n" + Self.lede + "\nShare\nTwitter")
        #expect(document.metadata["date"] == .string("2024-11-06"))
    }

    @Test func commentTimestampsAreNoPublicationDate() throws {
        let document = try strip(
            "The Best Strategy Games So Far\n" + Self.lede + "\n2 responses to “The Best Strategy Games So Far”\n1. fullysecret\n"
                + "June 19, 2025 at 1:45 am\nI do think the launch was rough.\nReply")
        #expect(document.metadata["date"] == nil)
    }

    @Test func relatedPostsDatesAreNoPublicationDate() throws {
        let document = try strip(
            "The Best Strategy Games So Far\n" + Self.lede + "\nRelated Posts\nThe Best Puzzle Games of the Year\nDecember 19, 2025\n"
                + "Why Board Games Are Back\nDecember 11, 2025")
        #expect(document.metadata["date"] == nil)
    }

    @Test func menuByItemsAreNoByline() throws {
        let document = try strip("+ By Type\n+ By Wine Region\n+ By Grape\nThe Ultimate Guide to Wine\n" + Self.lede)
        #expect(document.metadata["authors"] == nil)
    }

    /// A shop's facets apart from its menu ("By Type", "By Size", "By Grape" above, "By Wine
    /// Region" alone further down) are no byline; two facets leave a "By:" byline alone.
    @Test func facetsAreNoByline() throws {
        let facets = "Shop\nBy Type\nRed\nWhite\nBy Size\nMagnum\nBy Grape\nMerlot\n"
        let shop = try strip(facets + "Gift Cards\nBy Wine Region\nThe Ultimate Guide to Wine\n" + Self.lede)
        #expect(shop.metadata["authors"] == nil)
        let site = try strip("By Role\nAgents\nBy Specialty\nHomes\nThe Ultimate Guide to Wine\nBy: Melissa Dittmann Tracey\n" + Self.lede)
        #expect(site.metadata["authors"] == .array([.string("Melissa Dittmann Tracey")]))
    }

    /// Twelve lines of article: what stands below them is past the headline's reach (15 lines),
    /// where only an author box or a labelled byline names the author.
    static let article = (1...12).map { "Paragraph \($0) of the article goes on about chairs, desks and how to sit at them." }.joined(separator: "\n")

    /// Author boxes below the article: the name alone on its line over a bio that opens with the
    /// name or its first name and speaks of a person early ("she", "Her ..."); "Author" alone over
    /// the name. And what looks like one and is none: a product's heading over its definition, a
    /// company's, a team page's several people, a name the page gives as its editor (on the label's
    /// line or under it), but not a longer name that holds the author's.
    @Test(
        arguments: [
            ("Maria Mathioudaki\nMaria is a growth analyst at the firm. Her work covers search ads and data analytics.", ["Maria Mathioudaki"]),
            ("Maria Mathioudaki\nGrowth Analyst\nMaria Mathioudaki is a growth analyst, and she covers search ads.", ["Maria Mathioudaki"]),
            ("Author\nMaria Mathioudaki\nRelated posts", ["Maria Mathioudaki"]),
            ("Apache Spark\nApache Spark is an open-source engine that a data engineer reaches for when her data outgrows one machine.", nil),
            ("Amazon Prime\nAmazon is the largest online retailer in the world, and it sells everything from books to boats.", nil),
            ("Jane Doe\nJane is a designer from Ohio; she loves bikes.\nJohn Smith\nJohn is an engineer, and he has built bridges in four countries.", nil),
            ("Edited by: Keri Stooksbury\nKeri Stooksbury\nEditor-in-Chief\nKeri is an editor; she has worked in travel media for years.", nil),
            ("Edited by\nKeri Stooksbury\nKeri Stooksbury\nEditor-in-Chief\nKeri is an editor; she has worked in travel media for years.", nil),
            ("Edited by Ann Leeson\nAnn Lee\nAnn is a reporter at the paper, and she covers city hall.", ["Ann Lee"]),
        ] as [(String, [String]?)])
    func authorBoxIsRead(box: String, authors: [String]?) throws {
        let document = try strip("How to Choose an Office Chair\n" + Self.lede + "\n" + Self.article + "\n" + box)
        #expect(document.metadata["authors"] == authors.map { .array($0.map(JSONValue.string)) }, "\(box)")
    }

    /// The headline from a breadcrumb that ends in it; a role under a name is none, a role alone
    /// (a job page's) may be one.
    @Test(
        arguments: [
            ("Newsroom / Chair tips / How to Choose an Office Chair\nMarch 3, 2025", "How to Choose an Office Chair"),
            ("Careers\nChirag Bhardwaj\nVP - Technology\nNovember 14, 2025", nil),
            ("Careers\nSenior Software Engineer\nNovember 14, 2025", "Senior Software Engineer"),
            ("Research\nThe Hottest Housing Markets in the U.S.\nMarch 3, 2025", "The Hottest Housing Markets in the U.S."),
            ("Research\nWe tested twenty chairs.\nMarch 3, 2025", nil),
        ] as [(String, String?)])
    func headlineIsRead(header: String, title: String?) throws {
        let document = try strip(header + "\n" + Self.lede + "\n6 thoughts on “How to Choose an Office Chair”")
        #expect(document.metadata["title"] == title.map(JSONValue.string), "\(header)")
    }

    /// A reading time under the headline anchors it as a date line does, where the first prose
    /// stands too far below.
    @Test func readingTimeAnchorsTheHeadline() throws {
        let items = (1...10).map { "* Chair \($0)" }.joined(separator: "\n")
        let timed = try strip("Ten Chairs We Tested This Year\n5 min read\n" + items + "\n" + Self.lede)
        let untimed = try strip("Ten Chairs We Tested This Year\n" + items + "\n" + Self.lede)
        #expect(timed.metadata["title"] == .string("Ten Chairs We Tested This Year"))
        #expect(untimed.metadata["title"] == nil)
    }

    /// A breadcrumb whose steps a converter joined with spaces gives the headline the page
    /// shows on a line of its own, and only then.
    @Test func spacedBreadcrumbGivesTheHeadline() {
        let counts = Headline.Counts([Headline.hash(Array("The Hottest Housing Markets".utf8))])
        #expect(Headline.withoutTrail("Home Research The Hottest Housing Markets", counts) == "The Hottest Housing Markets")
        #expect(Headline.withoutTrail("Home Improvement Ideas for Spring", counts) == "Home Improvement Ideas for Spring")
    }

    /// A page's published and updated dates glued together: the earlier is the publication
    /// date, whichever the theme prints first.
    @Test(arguments: [("April 26, 2024Updated on: October 28, 2024", "2024-04-26"), ("May 21, 2025April 24, 2025", "2025-04-24")])
    func gluedDatesGiveThePublicationDate(line: String, date: String) throws {
        let document = try strip("How to Choose an Office Chair\n" + line + "\n" + Self.lede)
        #expect(document.metadata["date"] == .string(date), "\(line)")
    }

    /// A name or a team beside a date or a reading time just above or below the headline, a
    /// meta list's name over an undated item, one role word after the comma, a byline after a
    /// glued pair of dates; and the lines that give no author.
    @Test(
        arguments: [
            ("Login\nAndrew King\n* September 4, 2025\nHow to Choose an Office Chair", ["Andrew King"]),
            ("Login\nAndrew King\nHow to Choose an Office Chair", nil),
            ("How to Choose an Office Chair\n* Kalyn Keen\n* Jun 9\n* 5 min read", ["Kalyn Keen"]),
            ("How to Choose an Office Chair\n* Kalyn Keen\n* Jun 9", nil),
            ("How to Choose an Office Chair\nEverfit Team\nNov 08, 2025 7 min read", ["Everfit Team"]),
            ("How to Choose an Office Chair\nMeet the Team\nNov 08, 2025 7 min read", nil),
            ("How to Choose an Office Chair\nEditorial Team\nNov 08, 2025", nil),
            ("How to Choose an Office Chair\nby Tracy Parker, Dietitian", ["Tracy Parker"]),
            ("How to Choose an Office Chair\nJanuary 12, 2025January 22, 2025 By Gabby Boucher In Chairs", ["Gabby Boucher"]),
            ("How to Choose an Office Chair\nBy Tom May | March 3, 2025", ["Tom May"]),
            ("How to Choose an Office Chair\nBy Tom May 3, 2025", nil),
            ("How to Choose an Office Chair\nTyler King\nMarch 3, 2025", ["Tyler King"]),
            ("How to Choose an Office Chair\nCoding Thing\nMarch 3, 2025", nil),
            ("How to Choose an Office Chair\nContributors: Janet Loughrey", ["Janet Loughrey"]),
            ("How to Choose an Office Chair\nEli Manikan Contributing Writer | Strategy, sims, and RPG player\nUpdated: March 12, 2026", ["Eli Manikan"]),
            ("How to Choose an Office Chair\nEli Manikan Contributing Writer", nil),
            ("How to Choose an Office Chair\nThe Chair Shop Senior Editor\nMarch 12, 2026", nil),
            ("How to Choose an Office Chair\nGuide by Will Judd Former Deputy Tech Editor\nUpdated on Jan. 16, 2026", ["Will Judd"]),
            ("How to Choose an Office Chair\nMike Marshall, Shipping Expert\n•\nFriday, December 19, 2025", ["Mike Marshall"]),
            ("How to Choose an Office Chair\nRasmus Barslund Founder & Lead Reviewer\nUpdated Feb 27, 2026", ["Rasmus Barslund"]),
            ("How to Choose an Office Chair\nNaftali Tishby, Fernando C. Pereira, William Bialek\n24 Apr 2000 • 3 min read", ["Naftali Tishby", "Fernando C. Pereira", "William Bialek"]),
            ("How to Choose an Office Chair\nChairs, Desks, Lamps\n24 Apr 2000 • 3 min read", nil),
            ("How to Choose an Office Chair\n* Gabo\n* Jan 23\n* 11 min read", ["Gabo"]),
            ("How to Choose an Office Chair\nStefan\nMarch 5, 2026\n9 min read", ["Stefan"]),
            ("How to Choose an Office Chair\nStefan\nThe chairs we tested", nil),
            ("How to Choose an Office Chair\nPolitics\nMarch 5, 2026", nil),
            ("Workplace\nHow to Choose an Office Chair\nWorkplace\n5 min read", nil),
        ] as [(String, [String]?)])
    func nameBesideTheHeadlineIsRead(header: String, authors: [String]?) throws {
        let document = try strip(header + "\n" + Self.lede)
        #expect(document.metadata["authors"] == authors.map { .array($0.map(JSONValue.string)) }, "\(header)")
    }

    /// A date in its own part of a meta line, or at the head of a long one; not beside a
    /// headline's or an event's words.
    @Test(
        arguments: [
            ("On Behalf of Tunstall PLLC | Apr 21, 2017 | Products Liability", "2017-04-21"),
            ("March 15, 2022 · 3 min read · By ASU Online", "2022-03-15"),
            ("Posted on November 25, 2024 in College of Health Sciences, General, Healthcare, Master of Science in Applied Nutrition, Nutrition, Research, Wellness, Student Life", "2024-11-25"),
            ("Office Chair Lawsuits: We Can Do the Heavy Lifting | December 20, 2024", nil),
            ("Lenovo Tech World: January 6, 2026 | Las Vegas, NV", nil),
        ] as [(String, String?)])
    func metaLineDateIsRead(line: String, date: String?) throws {
        let document = try strip("How to Choose an Office Chair\n" + line + "\n" + Self.lede)
        #expect(document.metadata["date"] == date.map(JSONValue.string), "\(line)")
    }

    /// A page's only byline, under a label line, counts however far below the headline it stands.
    @Test func labelledBylineAtTheEndNamesTheAuthor() throws {
        let document = try strip("How to Choose an Office Chair\n" + Self.lede + "\n" + Self.article + "\nArticle by\nMaria Mathioudaki\nRelated posts")
        #expect(document.metadata["authors"] == .array([.string("Maria Mathioudaki")]))
    }

    /// A post's count of comments on the date line does not make it a comment's date.
    @Test func commentCountOnTheDateLineKeepsTheDate() throws {
        let document = try strip("Wedding Planning Tools\nSusan Jones December 9, 2024 0 Comments\n" + Self.lede)
        #expect(document.metadata["date"] == .string("2024-12-09"))
        #expect(document.metadata["authors"] == .array([.string("Susan Jones")]))
    }
}
