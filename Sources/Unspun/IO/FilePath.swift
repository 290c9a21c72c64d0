import Foundation

/// A file's path as the bytes the system knows it by. Names need not be UTF-8 (`caf\xE9.txt`), and
/// a `String` would turn such bytes into U+FFFD and name another file; shown, each byte that is
/// not UTF-8 reads `\xE9`.
struct FilePath: Sendable, Hashable {
    var bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// A path given as text. The process's arguments reach Swift with bytes that are not UTF-8
    /// replaced by U+FFFD; a path with one takes its bytes from the argument it came from.
    init(_ path: String) {
        if path.unicodeScalars.contains("\u{FFFD}"), let raw = Self.argumentBytes(lossilyDecodingTo: path) {
            bytes = raw
        } else {
            bytes = Array(path.utf8)
        }
    }

    private static func argumentBytes(lossilyDecodingTo text: String) -> [UInt8]? {
        for index in 0..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let raw = Array(UnsafeBufferPointer(start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self), count: strlen(argument)))
            if String(decoding: raw, as: UTF8.self) == text { return raw }
        }
        return nil
    }

    /// The path for messages, ids and JSON: UTF-8 as it is, other bytes as `\xNN`.
    var display: String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var shown = ""
        var index = 0
        while index < bytes.count {
            let valid = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: UnsafeBufferPointer(rebasing: $0[index...])) }
            shown += String(decoding: bytes[index..<index + valid], as: UTF8.self)
            index += valid
            if index < bytes.count {
                shown += "\\x" + String(bytes[index], radix: 16, uppercase: true)
                index += 1
            }
        }
        return shown
    }

    /// The path of `name` inside this folder.
    func appending(_ name: [UInt8]) -> FilePath {
        FilePath(bytes: bytes.last == UInt8(ascii: "/") ? bytes + name : bytes + [UInt8(ascii: "/")] + name)
    }

    func withCString<Result>(_ body: (UnsafePointer<CChar>) -> Result) -> Result {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
