import Testing

@_spi(Text) @_spi(Rules) @testable import Unspun

/// Grouping on made-up stories: merged copies, pages in other scripts, copies strip emptied,
/// the canonical choice, and a result that does not depend on input order or threads.
@Suite struct StoryGrouperTests {
    /// A story of `count` paragraphs, each a few sentences of function words, names and numbers
    /// that no other story (another `seed`) shares.
    static func story(_ seed: Int, paragraphs count: Int) -> [String] {
        let names = ["Oslo", "Lagos", "Quito", "Hanoi", "Perth", "Dakar", "Lima", "Riga", "Sofia", "Tunis", "Accra", "Baku"]
        return (0..<count).map { paragraph in
            (0..<3).map { sentence in
                let n = seed * 1000 + paragraph * 10 + sentence
                let name = names[(n * 7 + seed) % names.count]
                // A number every few words, so that the skeleton's shingles are this story's own.
                return
                    "On \(n) of the days, \(n + 1) of them in \(name) said that \(n + 2) had been to the \(n + 3) and that it was up to \(n + 4) of \(names[(n + seed * 5) % names.count]) to act by \(n + 5)."
            }.joined(separator: " ")
        }
    }

    static func group(_ documents: [Document], jobs: Int = 2) -> [String: String] {
        let signatures = documents.map { StorySignature(document: $0) }
        let assignment = StoryGrouper(jobs: jobs).group(signatures)
        let ids = assignment.storyIDs(signatures)
        return Dictionary(uniqueKeysWithValues: signatures.indices.map { (signatures[$0].id, ids[assignment.story[$0]]) })
    }

    /// `Candidates` keeps no pair under `minimumJaccard` for the links: the merged-copy branch of
    /// `linkScore` must imply at least that much, whatever the thresholds are set to.
    @Test func mergedCopyThresholdsImplyTheCandidatesJaccard() {
        #expect(StoryGrouper.mergedJaccard >= StoryGrouper.minimumJaccard)
        // The implied floor is a floor: a pair just at both thresholds reads as that Jaccard.
        let (merged, source) = (300, 150)  // shingles; the overlap is 90 (0.3 of one, 0.6 of the other)
        let jaccard = Double(90) / Double(merged + source - 90)
        #expect(abs(jaccard - StoryGrouper.mergedJaccard) < 1e-9)
        #expect(StoryGrouper.linkScore(jaccard + 1e-6, merged, source) != nil)
    }

    @Test func aMergedCopyJoinsItsStoryWithoutPullingInThePageItBorrowedFrom() {
        let a = Self.story(1, paragraphs: 10)
        let b = Self.story(2, paragraphs: 2)
        let documents = [
            Document(id: "a", text: a.joined(separator: "\n\n")),
            Document(id: "a-cut", text: a.prefix(8).joined(separator: "\n\n")),
            Document(id: "a-merged", text: (a.prefix(7) + b).joined(separator: "\n\n")),
            Document(id: "b", text: b.joined(separator: "\n\n")),
        ]
        let story = Self.group(documents)
        #expect(story["a"] == story["a-cut"] && story["a"] == story["a-merged"])
        #expect(story["b"] != story["a"])
        #expect(story["a"] == "story:a")
    }

    /// An original and a copy of its first 70% with another story's first paragraphs are alike
    /// inside their story; the other story's pages, which have those paragraphs too, tell them apart.
    @Test func aCopyThatBorrowedAnotherStorysParagraphsIsNotCanonical() {
        let a = Self.story(20, paragraphs: 10)
        let b = Self.story(21, paragraphs: 6)
        let story = Self.group([
            Document(id: "original", text: a.joined(separator: "\n\n")),
            Document(id: "merged", text: (a.prefix(7) + b.prefix(3)).joined(separator: "\n\n")),
            Document(id: "lender", text: b.joined(separator: "\n\n")),
            Document(id: "lender-cut", text: b.prefix(5).joined(separator: "\n\n")),
        ])
        #expect(story["original"] == "story:original" && story["merged"] == "story:original")
        #expect(story["lender"] == "story:lender" && story["lender-cut"] == "story:lender")
    }

    @Test func twinCopiesDoNotOutvoteTheOriginal() {
        let a = Self.story(3, paragraphs: 8)
        let cut = a.prefix(6).joined(separator: "\n\n")
        let story = Self.group([
            Document(id: "copy-1", text: cut), Document(id: "copy-2", text: cut), Document(id: "original", text: a.joined(separator: "\n\n")),
        ])
        #expect(Set(story.values) == ["story:original"])
    }

    @Test func pagesInOtherScriptsGroupLikeTheRest() {
        let russian = [
            "Аппетит приходит и уходит, а кушать хочется всегда, говорили они в тот вечер.",
            "Все дороги идут из прошлого, но не все ведут в будущее, и это знает каждый.",
            "Даже самая мелкая монета имеет своё достоинство, как и любой человек в городе.",
            "Весь мир театр, а люди в нём актёры, которые играют свои роли каждый день.",
        ]
        let chinese = ["在这种规模的项目中，很难避免遇到与你意见不和的人。", "请接受这一事实，并保持礼貌。", "意见不一致并不是糟糕举止的借口。", "请始终假设其他人都在为这一目标而努力。"]
        let story = Self.group([
            Document(id: "ru", text: russian.joined(separator: "\n\n")),
            Document(id: "ru-copy", text: "Реклама\n\n" + russian.prefix(3).joined(separator: "\n\n")),
            Document(id: "zh", text: chinese.joined(separator: "\n\n")),
            Document(id: "zh-copy", text: chinese.prefix(3).joined(separator: "\n\n")),
        ])
        #expect(story["ru"] == story["ru-copy"])
        #expect(story["zh"] == story["zh-copy"])
        #expect(story["ru"] != story["zh"])
    }

    @Test func aCopyStripEmptiedIsGroupedOnWhatItHeld() {
        let a = Self.story(4, paragraphs: 6)
        let removed = JSONValue.array(a.map { .object(JSONObject([("kind", "residue"), ("text", .string($0)), ("rule", "test")])) })
        let story = Self.group([
            Document(id: "original", text: a.joined(separator: "\n\n")),
            Document(id: "emptied", text: "", metadata: JSONObject([("removed", removed)])),
        ])
        #expect(story["emptied"] == story["original"])
    }

    @Test func storiesDoNotDependOnInputOrderOrThreads() {
        var documents: [Document] = []
        for seed in 5..<12 {
            let paragraphs = Self.story(seed, paragraphs: 6 + seed % 3)
            documents.append(Document(id: "\(seed)-original", text: paragraphs.joined(separator: "\n\n")))
            documents.append(Document(id: "\(seed)-cut", text: paragraphs.dropLast().joined(separator: "\n\n")))
            let borrowed = Self.story(seed + 1, paragraphs: 1)
            documents.append(Document(id: "\(seed)-merged", text: (paragraphs.prefix(4) + borrowed).joined(separator: "\n\n")))
        }
        let forward = Self.group(documents, jobs: 1)
        #expect(Set(forward.values).count == 7)
        #expect(Self.group(documents.reversed(), jobs: 2) == forward)
        #expect(Self.group(Array(documents[10...] + documents[..<10]), jobs: 3) == forward)
    }

    /// A wire story with more copies than `maximumBucket`: every band puts them all in one
    /// oversized bucket, and they still make one story, in any input order (before, they made
    /// hundreds); a second story beside it stays apart.
    @Test func aStoryWithMoreCopiesThanABucketHoldsStaysOne() {
        let paragraphs = Self.story(3, paragraphs: 6)
        var documents = (0..<(StoryGrouper.maximumBucket * 2 + 100)).map { copy in
            Document(id: "copy-\(copy)", text: (copy % 2 == 0 ? paragraphs : Array(paragraphs.dropLast())).joined(separator: "\n\n"))
        }
        let other = Self.story(4, paragraphs: 6)
        documents += (0..<3).map { Document(id: "other-\($0)", text: other.joined(separator: "\n\n")) }
        let forward = Self.group(documents, jobs: 2)
        #expect(Set(forward.filter { $0.key.hasPrefix("copy-") }.values).count == 1)
        #expect(Set(forward.filter { $0.key.hasPrefix("other-") }.values).count == 1)
        #expect(forward["copy-0"] != forward["other-0"])
        #expect(Self.group(documents.reversed(), jobs: 1) == forward)
    }

    @Test func ofCopiesAlikeAfterCleaningTheOneWithLessResidueIsCanonical() {
        let text = Self.story(13, paragraphs: 6).joined(separator: "\n\n")
        let removed = JSONValue.array(
            ["Share this article on Facebook, Twitter and by email", "Sign up for our newsletter to get the news every day"].map {
                .object(JSONObject([("kind", "boilerplate"), ("text", .string($0)), ("rule", "test")]))
            })
        let story = Self.group([
            Document(id: "a-copy", text: text, metadata: JSONObject([("removed", removed)])), Document(id: "b-original", text: text),
        ])
        #expect(Set(story.values) == ["story:b-original"])
    }

    @Test func ofAnOriginalAndItsSpunCopyTheOriginalWithThePlainerWordsIsCanonical() {
        let names = ["Oslo", "Lagos", "Quito", "Hanoi", "Perth", "Dakar"]
        let sentences = (0..<18).map { n in
            "On \(n) of the days the team in \(names[n % 6]) said that the plan was good and that \(n + 7) of them would help to fix it by \(n + 9)."
        }
        // The spinner's synonyms run longer, and a phrase brings function words of its own.
        let spun = sentences.map {
            $0.replacingOccurrences(of: "said", with: "went on to articulate").replacingOccurrences(of: "plan", with: "blueprint")
                .replacingOccurrences(of: "good", with: "commendable").replacingOccurrences(of: "help", with: "collaborate").replacingOccurrences(of: "fix", with: "rectify")
        }
        let story = Self.group([
            Document(id: "a-spun", text: spun.joined(separator: " ")), Document(id: "b-original", text: sentences.joined(separator: " ")),
        ])
        #expect(Set(story.values) == ["story:b-original"])
    }

    /// A spun copy with paragraphs of another story holds all of its original's skeleton, and
    /// the original not all of it; with no sentence in common, that tells nothing, and the
    /// longer words of the copy tell which is spun.
    @Test func aSpunCopyThatMergedMoreIsNotCanonicalForHoldingItsOriginal() {
        let names = ["Oslo", "Lagos", "Quito", "Hanoi", "Perth", "Dakar"]
        let sentences = (0..<18).map { n in
            "On \(n) of the days the team in \(names[n % 6]) said that the plan was good and that \(n + 7) of them would help to fix it by \(n + 9)."
        }
        let borrowed = (100..<106).map { n in
            "In \(n) the \(n + 3) of the city of \(names[(n + 2) % 6]) were at the \(n + 4) for \(n + 5) of the days and it was up to them."
        }
        let spun = (sentences.prefix(9) + borrowed + sentences.dropFirst(9)).map { $0.replacingOccurrences(of: "said", with: "stated") }
        let story = Self.group([
            Document(id: "a-spun", text: spun.joined(separator: " ")), Document(id: "b-original", text: sentences.joined(separator: " ")),
        ])
        #expect(Set(story.values) == ["story:b-original"])
    }
}
