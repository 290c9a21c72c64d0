import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// The metadata strip reads from plain text: each byline and date form it takes, and the lines
/// it must leave alone.
@Suite struct MetadataTests {
    @Test(arguments: [
        ("By Anna Smith", ["Anna Smith"]), ("By Anna Smith and John Doe", ["Anna Smith", "John Doe"]),
        ("Written by Jane van der Berg", ["Jane van der Berg"]), ("Author: Pavlina Petkova", ["Pavlina Petkova"]),
        ("By Jared Newman and Sam Singleton", ["Jared Newman", "Sam Singleton"]), ("by Linda Rosencrance", ["Linda Rosencrance"]),
        ("By the Lavazza Team 2–3 minutes", ["the Lavazza Team"]), ("By Scott Levine – Updated Sep 9, 2025 at 1:00 PM EST", ["Scott Levine"]),
        ("Shari Weiss, Senior Editor", ["Shari Weiss"]), ("Maria Lopez | Reuters", ["Maria Lopez"]), ("Tom Hale - Correspondent", ["Tom Hale"]),
        ("Scott Matton", ["Scott Matton"]), ("BY JOHN SMITH", ["JOHN SMITH"]), ("* by Linda Rosencrance", ["Linda Rosencrance"]),
        ("By Lizzie Streit, MS, RDN, LD\u{A0}", ["Lizzie Streit"]), ("Dylan Bailey, MS, RD, FAND", ["Dylan Bailey"]),
        ("by Jacob Trussell—10 min read", ["Jacob Trussell"]), ("by Amanda · Dec 20, 2025 at 3:00 am", ["Amanda"]),
        ("Posted by BeauHD on Friday December 19, 2025 @08:00PM", ["BeauHD"]),
        ("By Korin MillerPublished: Jan 29, 2025", ["Korin Miller"]), ("By Amanda FurrerUpdated: Dec 19, 2025", ["Amanda Furrer"]),
        ("By Workzone Team• 4 mins read", ["Workzone Team"]), ("By A. J. Neal View In Digital Edition", ["A. J. Neal"]),
        ("Written by: Shivkumar M Head Product Launches", ["Shivkumar M"]), ("By Z.B. Steele", ["Z.B. Steele"]),
        ("By Rachel MacDonald and Ben DeVos", ["Rachel MacDonald", "Ben DeVos"]),
    ])
    func bylineFormIsRead(line: String, names: [String]) {
        #expect(BylineText.read(line)?.names == names)
    }

    @Test(arguments: [
        "By Thursday the troops had left.", "By contrast, Kyiv said nothing.", "By Event Type", "By Role", "Shop by Category",
        "Best Office Chairs", "Read More", "Sign up for our newsletter", "Home Prices", "By 2025 most homes will have solar panels.",
        "Written by: Sean Peek, Senior Analyst Updated", "Posted by admin", "NVIDIA GTC", "Vibe Coding", "Colin Gray Colin Gray",
        "Artificial Intelligence Jiaming Han", "By Alexa", "By Reuters · May 3, 2025", "By Design and more", "Posted by Coding on",
        "By MixmasterFredebenisterie Frederic LauziereFollow", "By M Smith",
    ])
    func nonBylineIsLeft(line: String) {
        let names = BylineText.read(line)?.names
        #expect(names == nil || names == ["Sean Peek"], "\(line) read as \(names ?? [])")
    }

    @Test(
        arguments: [
            ("March 3, 2025", "2025-03-03", nil), ("3 March 2025", "2025-03-03", nil), ("2025-03-03", "2025-03-03", nil),
            ("Published 14:32, Tuesday 5 Feb 2025", "2025-02-05", nil), ("Mar. 3, 2025 at 9:12 a.m. ET", "2025-03-03", "2025-03-03T09:12"),
            ("Sept. 30th, 2024", "2024-09-30", nil), ("5. März 2025", "2025-03-05", nil), ("5 mars 2025", "2025-03-05", nil),
            ("13/04/2025", "2025-04-13", nil), ("2025-03-03T10:00:00", "2025-03-03", "2025-03-03T10:00"),
            ("Nov 25, 2025 5:00 am PST", "2025-11-25", "2025-11-25T05:00-08:00"), ("12-March-2025", "2025-03-12", nil),
            ("12/Mar/2025", "2025-03-12", nil), ("on December 20, 2024September 26, 2025", "2024-12-20", nil),
            // Names in capitals or with accents, and a weekday before the month or the day: ICU is
            // asked at these words only when what follows may continue a date.
            ("5 FÉVRIER 2025", "2025-02-05", nil), ("5. MÄRZ 2025", "2025-03-05", nil), ("5 de marzo de 2025", "2025-03-05", nil),
            ("Tuesday, March 5, 2025", "2025-03-05", nil), ("Tue, 4 Mar 2025 10:22", "2025-03-04", "2025-03-04T10:22"),
            ("Mar-05-2025", "2025-03-05", nil), ("March/5/2025", "2025-03-05", nil), ("March\t5, 2025", "2025-03-05", nil),
            ("March 5, 2025 9 : 12", "2025-03-05", "2025-03-05T09:12"),
        ] as [(String, String, String?)])
    func dateFormIsParsed(text: String, iso: String, time: String?) {
        let found = DateParser().dates(in: Array(text.utf8)).first
        #expect(found?.iso == iso)
        #expect(found?.isoTime == time)
    }

    @Test(arguments: ["March 33, 2025", "2025-13-03", "in 1850 the town", "Mar 6", "page 2025 of 3000", "12025-01-01"])
    func nonDateIsLeft(text: String) {
        #expect(DateParser().dates(in: Array(text.utf8)).isEmpty, "\(text)")
    }

    @Test func ambiguousNumericDateNeedsThePageToSettleIt() {
        let found = DateParser().dates(in: Array("03/04/2025".utf8)).first
        #expect(found?.swapped != nil)
        #expect(DateParser().dates(in: Array("04/13/2025".utf8)).first.map { ($0.month, $0.day, $0.swapped == nil) } ?? (0, 0, false) == (4, 13, true))
    }

    @Test func dottedNumericDateIsAmbiguousUnlessTheDayIsOverTwelve() {
        #expect(DateParser().dates(in: Array("09.10.2024".utf8)).first?.swapped != nil)
        #expect(DateParser().dates(in: Array("24.10.2025".utf8)).first.map { ($0.month, $0.day, $0.swapped == nil) } ?? (0, 0, false) == (10, 24, true))
    }

    @Test func gluedPublishedAndUpdatedDatesAreBothRead() {
        let found = DateParser().dates(in: Array("Posted on December 20, 2024September 26, 2025".utf8))
        #expect(found.map(\.iso) == ["2024-12-20", "2025-09-26"])
    }

    /// A call to action the page repeats (header and footer) stands above the headline; the
    /// headline is the line whose words the first paragraph shares.
    @Test func headlineSharesTheLedesWords() throws {
        let lede =
            "Event planning asks for many skills, from budgets to vendors, and these essential event planning skills are the ones "
            + "that every successful event manager names first when asked what the work needs day to day."
        let document = try strip(
            """
            Book a Demo Log In
            Product
            October 8, 2024
            Book a Demo Log In
            15 Essential Event Planning Skills for Successful Event Management
            \(lede)
            Planners who keep a checklist miss fewer deadlines, and the best ones keep it for every single event they run.
            """)
        #expect(document.metadata["title"] == .string("15 Essential Event Planning Skills for Successful Event Management"))
    }

    @Test func bylineSplitOverLinesIsJoined() throws {
        let document = try strip(
            """
            Best Online MBA Programs of the Year
            By
            Thomas Broderick
            ,
            Nalea Ko
            Updated May 3, 2025
            An online MBA costs less than a campus one, and most schools below let you study part time.
            """)
        #expect(document.metadata["authors"] == .array([.string("Thomas Broderick"), .string("Nalea Ko")]))
        #expect(document.metadata["title"] == .string("Best Online MBA Programs of the Year"))
    }

    func strip(_ text: String) throws -> Document { try StripTests().strip(text, readsPageMetadata: true) }

    static let page = """
        Home
        Blog
        How to Choose an Office Chair
        By Nicole Hatcher
        Updated: October 12, 2025
        Published October 9, 2025
        A good office chair supports the lower back, and the right height keeps the feet flat on the floor.
        We tested twenty chairs over six weeks in our office and asked a physiotherapist to judge each one.
        The best chair for most people costs less than you might think, as the list below shows in detail.
        Nicole Hatcher is a health writer who has covered ergonomics for ten years.
        © 2025 Example Media
        """

    @Test func pageGivesAuthorDatesAndTitle() throws {
        let document = try strip(Self.page)
        #expect(document.metadata["authors"] == .array([.string("Nicole Hatcher")]))
        #expect(document.metadata["byline"] == .string("Nicole Hatcher"))
        #expect(document.metadata["date"] == .string("2025-10-09"))
        #expect(document.metadata["updated"] == .string("2025-10-12"))
        #expect(document.metadata["title"] == .string("How to Choose an Office Chair"))
        #expect(!document.text.contains("By Nicole Hatcher"))
        #expect(!document.text.contains("is a health writer"))
        #expect(document.text.contains("We tested twenty chairs"))
        let kinds = document.metadata["removed"]?.arrayValue?.compactMap { $0.objectValue?["kind"]?.stringValue } ?? []
        #expect(kinds.contains("author-bio"))
    }

    @Test func articleSentencesAboutPeopleStay() throws {
        let text = """
            Mayor Anna Smith is a former teacher who was elected in 2019, and she spoke on Monday.
            By Thursday the council had voted, and Anna Smith said the budget would pass in May 2025.
            John Doe is a local baker who has run his shop since 2001, and he welcomed the decision.
            """
        let document = try strip(text)
        #expect(document.metadata["authors"] == nil)
        #expect(document.metadata["date"] == nil)
        for line in text.split(separator: "\n") { #expect(document.text.contains(line)) }
    }
}
