extension Array where Element: Comparable {
    /// Sorts the array and drops repeats, in place: hashes of words or shingles become sets that
    /// a merge-style walk or a binary search can use.
    mutating func sortDroppingRepeats() {
        sort()
        var write = 0
        for read in indices where read == 0 || self[read] != self[write - 1] {
            self[write] = self[read]
            write += 1
        }
        removeSubrange(write...)
    }
}
