import Foundation

/// Random access to the records of a spool file written by this process: record `i` spans
/// `offsets[i]..<offsets[i + 1]` (newline included). Reads use `pread`, so threads may share it.
final class SpoolFile: @unchecked Sendable {
    private let path: String
    private let descriptor: Int32
    private let offsets: [Int]

    init(path: String, offsets: [Int]) throws(OutputError) {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: "cannot reopen the spool: \(String(cString: strerror(errno)))") }
        self.path = path
        self.offsets = offsets
    }

    deinit { close(descriptor) }

    /// Record `index` as written, without its newline.
    func line(at index: Int) throws(OutputError) -> [UInt8] {
        let start = offsets[index]
        let length = offsets[index + 1] - offsets[index] - 1
        var bytes = [UInt8](repeating: 0, count: length)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(start)) }
        guard read == length else { throw OutputError(path: path, reason: "short read of record \(index + 1) of the spool") }
        return bytes
    }
}
