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
            ("October 11, 2023 by Autumn Lane", nil), ("Written by: Colin Gray Colin Gray", ["Colin Gray"]),
            ("Audrey Huang, Print Managing Editor", ["Audrey Huang"]), ("Florence Nightingale, data analyst", nil),
            ("Interview by Sylvia Bishop", ["Sylvia Bishop"]),
        ] as [(String, [String]?)])
    func bylineFormIsRead(line: String, names: [String]?) {
        let dates = DateParser().dates(in: Array(line.utf8))
        #expect(BylineText.read(line, date: dates.first?.range)?.names == names, "\(line)")
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

    /// A post's count of comments on the date line does not make it a comment's date.
    @Test func commentCountOnTheDateLineKeepsTheDate() throws {
        let document = try strip("Wedding Planning Tools\nSusan Jones December 9, 2024 0 Comments\n" + Self.lede)
        #expect(document.metadata["date"] == .string("2024-12-09"))
        #expect(document.metadata["authors"] == .array([.string("Susan Jones")]))
    }
}
