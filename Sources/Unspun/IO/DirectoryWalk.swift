import Foundation

/// A file in an input folder that holds no records, and why: shown on standard error and listed
/// in report.json, so that nothing under a folder is passed over without a word.
public struct SkippedFile: Sendable, Equatable {
    public var path: String
    public var reason: String

    static let notRecords = "not .txt, .txt.gz, .jsonl or .jsonl.gz"
}

/// The record files under a folder, found with the system's own calls so that names that are not
/// UTF-8 are read, not lost: symbolic links to folders are followed (each folder walked once, so
/// a link back up ends there), and every entry that is not read is named with the reason.
struct DirectoryWalk {
    struct Found {
        /// The path inside the folder, which names its record (`sub/a.txt`).
        var relative: FilePath
        var path: FilePath
    }

    private(set) var records: [Found] = []
    private(set) var skipped: [SkippedFile] = []
    /// Folders that could not be read: what they hold is lost, so they are rejected like records.
    private(set) var unreadable: [InputError] = []
    private var walked = Set<[UInt64]>()

    init(_ root: FilePath) {
        walk(root, relative: [])
        records.sort { $0.relative.bytes.lexicographicallyPrecedes($1.relative.bytes) }
    }

    private mutating func walk(_ folder: FilePath, relative: [UInt8]) {
        var info = stat()
        guard folder.withCString({ stat($0, &info) }) == 0, walked.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
        guard let directory = folder.withCString(opendir) else {
            unreadable.append(InputError(location: SourceLocation(file: folder.display, line: 0), reason: "cannot read the folder: \(String(cString: strerror(errno)))"))
            return
        }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [0x2E], name != [0x2E, 0x2E] { names.append(name) }
        }
        for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let path = folder.appending(name)
            let inside = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
            visit(path, relative: FilePath(bytes: inside))
        }
    }

    private mutating func visit(_ path: FilePath, relative: FilePath) {
        var info = stat()
        guard path.withCString({ stat($0, &info) }) == 0 else {
            let reason = errno == ENOENT ? "a symbolic link to nothing" : String(cString: strerror(errno))
            skipped.append(SkippedFile(path: path.display, reason: reason))
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            guard !walked.contains([UInt64(info.st_dev), UInt64(info.st_ino)]) else {
                skipped.append(SkippedFile(path: path.display, reason: "a link to a folder already walked"))
                return
            }
            walk(path, relative: relative.bytes)
        case S_IFREG:
            if RecordFormat.fromName(relative.display) != nil {
                records.append(Found(relative: relative, path: path))
            } else {
                skipped.append(SkippedFile(path: path.display, reason: SkippedFile.notRecords))
            }
        default:
            let kind = info.st_mode & S_IFMT == S_IFIFO ? "a FIFO" : info.st_mode & S_IFMT == S_IFSOCK ? "a socket" : "a device"
            skipped.append(SkippedFile(path: path.display, reason: "not a regular file (\(kind)); name it on the command line to read it"))
        }
    }

    /// Bytes of all inputs on disk (folders walked for record files), or nil when one is
    /// standard input; progress compares the bytes consumed with it.
    static func totalSize(of inputs: [String]) -> Int? {
        var total = 0
        for input in inputs.isEmpty ? ["-"] : inputs {
            guard input != "-" else { return nil }
            let path = FilePath(input)
            var info = stat()
            guard path.withCString({ stat($0, &info) }) == 0 else { continue }
            let files = info.st_mode & S_IFMT == S_IFDIR ? DirectoryWalk(path).records.map(\.path) : [path]
            for file in files where file.withCString({ stat($0, &info) }) == 0 { total += Int(info.st_size) }
        }
        return total
    }
}
