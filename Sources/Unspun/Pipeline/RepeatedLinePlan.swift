/// Pass 1's line keys (each document's distinct line keys, `LineCounts.keys`) turned, once the
/// stories are known, into what pass 2 removes: the lines that stand in at least N documents of
/// at least M stories other than the document's own (copies of one story share their article
/// lines by design). Exact counts, in two sorts: the keys are sorted once to find the lines in
/// enough documents at all (few: boilerplate), and only those are counted per story.
struct RepeatedLinePlan: Sendable {
    let lineCounts: LineCounts
    /// Per story and key, how many of the story's documents hold the line, where more than one does.
    private let ownCounts: [UInt64: Int32]
    /// Whether each document has a line to remove (the others keep pass 2's fast path).
    private let removes: [Bool]
    private let story: [Int]

    /// `counted`: the counts across the dump, when these are only some of its stories (`StoryStep`).
    init(keys: [UInt32], ends: [Int], story: [Int], members: [[Int]], settings: LineCounts.Settings, counted: [UInt32: LineCounts.Count]? = nil) {
        self.story = story
        var counts = counted ?? Self.documentCounts(keys, settings: settings)
        func candidates(of document: Int) -> ArraySlice<UInt32> { keys[(document == 0 ? 0 : ends[document - 1])..<ends[document]] }
        var own: [UInt64: Int32] = [:]
        var gathered: [UInt32] = []
        for (storyIndex, documents) in members.enumerated() {
            gathered.removeAll(keepingCapacity: true)
            for document in documents { gathered += candidates(of: document).filter { counts[$0] != nil } }
            gathered.sort()
            var start = 0
            while start < gathered.count {
                var end = start + 1
                while end < gathered.count, gathered[end] == gathered[start] { end += 1 }
                if counted == nil { counts[gathered[start]]!.stories += 1 }
                if end - start > 1 { own[UInt64(storyIndex) << 32 | UInt64(gathered[start])] = Int32(end - start) }
                start = end
            }
        }
        lineCounts = LineCounts(counts: counts, settings: settings)
        ownCounts = own
        var removes = [Bool](repeating: false, count: story.count)
        for document in story.indices {
            removes[document] = candidates(of: document).contains { Self.count($0, story: story[document], counts, own, settings) != nil }
        }
        self.removes = removes
    }

    /// The keys in more than `minimumDocuments` documents, with their document counts.
    static func documentCounts(_ keys: [UInt32], settings: LineCounts.Settings) -> [UInt32: LineCounts.Count] {
        var sorted = keys
        sorted.sort()
        var counts: [UInt32: LineCounts.Count] = [:]
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end] == sorted[start] { end += 1 }
            if end - start > settings.minimumDocuments { counts[sorted[start]] = LineCounts.Count(documents: end - start, stories: 0) }
            start = end
        }
        return counts
    }

    private static func count(_ key: UInt32, story: Int, _ counts: [UInt32: LineCounts.Count], _ own: [UInt64: Int32], _ settings: LineCounts.Settings)
        -> LineCounts.Count?
    {
        guard let count = counts[key] else { return nil }
        let inStory = Int(own[UInt64(story) << 32 | UInt64(key)] ?? 1)
        guard count.documents - inStory >= settings.minimumDocuments, count.stories - 1 >= settings.minimumStories else { return nil }
        return count
    }

    func hasRemovals(_ document: Int) -> Bool { removes[document] }

    /// Removes document `index`'s repeated lines; returns how many went.
    func remove(from document: inout Document, index: Int) -> Int {
        guard removes[index] else { return 0 }
        return LineCounts.remove(from: &document, stage: LineCounts.cleanStage) { Self.count($0, story: story[index], lineCounts.counts, ownCounts, lineCounts.settings) }
    }
}
