/// Tells HTML from text: the stages clean text extracted from pages, and run on the markup
/// itself they would strip it to nothing without a word. A text looks like HTML when it opens
/// with a doctype or an `<html>` tag, or with a tag line followed by more tag lines than text
/// lines (an extractor's output that quotes some markup later on is text).
enum MarkupCheck {
    static let reason = "this looks like HTML: extract its text first (for example with trafilatura) and pass that, or give --allow-markup"

    static func looksLikeHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, bytes[start] <= 0x20 { start += 1 }
        for opening in ["<!doctype html", "<html"] where hasPrefix(bytes, from: start, lowercased: opening) { return true }
        var lines = 0
        var tags = 0
        var opensWithTag = false
        WordScan.forEachLine(UnsafeBufferPointer(rebasing: bytes[start..<min(bytes.count, start + (64 << 10))])) { range in
            guard lines < 100 else { return }
            var lower = range.lowerBound + start
            var upper = range.upperBound + start
            while lower < upper, bytes[lower] <= 0x20 { lower += 1 }
            while upper > lower, bytes[upper - 1] <= 0x20 { upper -= 1 }
            guard lower < upper else { return }
            lines += 1
            if bytes[lower] == UInt8(ascii: "<"), bytes[upper - 1] == UInt8(ascii: ">") {
                tags += 1
                if lines == 1 { opensWithTag = true }
            }
        }
        return opensWithTag && tags >= 10 && tags * 2 > lines
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, lowercased prefix: String) -> Bool {
        let expected = Array(prefix.utf8)
        guard bytes.count - start >= expected.count else { return false }
        for (offset, byte) in expected.enumerated() {
            let actual = bytes[start + offset]
            if actual != byte, actual | 0x20 != byte { return false }
        }
        return true
    }
}
