import Foundation

/// The output folder's files, including the hidden ones of a run in progress, and the lock that
/// keeps a second run out of it.
struct OutputFolder {
    let path: String
    /// The folder's lock, held for the whole run.
    private var lock: FolderLock?

    init(_ path: String) { self.path = path }

    func file(_ name: String) -> String { URL(fileURLWithPath: path).appendingPathComponent(name).path }
    var spool: String { file(".spool.jsonl") }
    var checkpoint: String { file(".checkpoint.json") }
    /// Rejects of a run in progress: `rejects.jsonl` appears only with the other outputs.
    var rejectsInProgress: String { file(".rejects.jsonl") }

    /// What a finished run leaves under its final names.
    static let outputs = ["documents.jsonl", "articles.jsonl", "rejects.jsonl", "report.json", "line-counts.tsv"]

    /// Creates the folder and takes its lock: two runs writing one folder would each leave half
    /// of the other's output. The lock file holds the running process's id, to name it.
    mutating func createAndLock() throws(OutputError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: path, reason: "cannot create the output folder")
        }
        guard access(path, W_OK) == 0 else { throw OutputError(path: path, reason: "the output folder is not writable") }
        lock = try FolderLock(path: file(".lock"), folder: path)
    }

    /// A new run starts clean: the outputs of an earlier run, finished or not, go, so that no
    /// old file stands under a final name while the new run works.
    func removeEarlierRun() {
        for name in Self.outputs + [".spool.jsonl", ".rejects.jsonl", ".checkpoint.json"] {
            for suffix in ["", ".partial"] { try? FileManager.default.removeItem(atPath: file(name) + suffix) }
        }
    }

    /// What identifies the inputs' contents: each file's path, size, modification time and a hash
    /// of its first and last megabyte, so that `--resume` refuses another file under the same name.
    static func fingerprint(of inputs: [String]) -> JSONValue {
        var files: [JSONValue] = []
        for input in inputs.isEmpty ? ["-"] : inputs {
            guard input != "-" else {
                files.append(.string("-"))
                continue
            }
            let path = FilePath(input)
            var info = stat()
            guard path.withCString({ stat($0, &info) }) == 0 else {
                files.append(.string(input))
                continue
            }
            let paths = info.st_mode & S_IFMT == S_IFDIR ? DirectoryWalk(path).records.map(\.path) : [path]
            for file in paths where file.withCString({ stat($0, &info) }) == 0 {
                files.append(
                    .array([
                        .string(file.display), JSONValue(Int(info.st_size)), JSONValue(Int(info.st_mtim.tv_sec)),
                        JSONValue(Int(info.st_mtim.tv_nsec)), .string(String(endsHash(file, size: Int(info.st_size)), radix: 16)),
                    ]))
            }
        }
        return .array(files)
    }

    /// A hash of a file's first and last megabyte (all of it when smaller).
    private static func endsHash(_ path: FilePath, size: Int) -> UInt64 {
        let descriptor = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var hash: UInt64 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for offset in size > 1 << 20 ? [0, size - (1 << 20)] : [0] {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            guard count > 0 else { continue }
            hash ^= buffer.withUnsafeBufferPointer { WordScan.hash(UnsafeBufferPointer(rebasing: $0[0..<count])) } &+ UInt64(offset)
        }
        return hash
    }
}

/// An exclusive `flock` on a file that holds the owner's process id; the file goes when the lock
/// does (a run killed with -9 leaves it, unlocked, and the next run takes it over).
final class FolderLock {
    private let path: String
    private let descriptor: Int32

    init(path: String, folder: String) throws(OutputError) {
        self.path = path
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw OutputError(path: path, reason: "cannot create the lock file: \(String(cString: strerror(errno)))") }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                var holder = [UInt8](repeating: 0, count: 32)
                let count = max(0, read(descriptor, &holder, holder.count))
                close(descriptor)
                let pid = String(decoding: holder[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                throw OutputError(
                    path: folder,
                    reason: "another unspun clean\(pid.isEmpty ? "" : " (process \(pid))") is writing to this folder; "
                        + "wait for it to end, or give another --out")
            }
            // The last owner may have removed the file between our open and our lock: then the
            // lock is on a file no one else will see, so take the new one.
            var held = stat()
            var named = stat()
            if fstat(descriptor, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                self.descriptor = descriptor
                break
            }
            close(descriptor)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
    }

    deinit {
        unlink(path)
        close(descriptor)
    }
}
