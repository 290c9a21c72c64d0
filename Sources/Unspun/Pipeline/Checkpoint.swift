import Foundation

/// The state of pass 1 after a batch: how far the spool and rejects files are complete and the
/// counts so far. Written under a temporary name and renamed, so it is always whole; the files
/// it points into are flushed before it is written, so a killed run resumes from it exactly.
struct Checkpoint {
    var fingerprint: String
    /// Pass 1 finished: the spool is complete under its own name.
    var cleaned: Bool
    var spoolBytes: Int
    var rejectsBytes: Int
    var report: CleanReport

    func save(in folder: OutputFolder) throws(OutputError) {
        let json = JSONValue.object(
            JSONObject([
                ("version", JSONValue(1)), ("fingerprint", .string(fingerprint)), ("cleaned", .bool(cleaned)),
                ("spool_bytes", JSONValue(spoolBytes)), ("rejects_bytes", JSONValue(rejectsBytes)), ("report", report.json),
            ]))
        let temporary = folder.checkpoint + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(JSONWriter.string(json).utf8)),
            rename(temporary, folder.checkpoint) == 0
        else { throw OutputError(path: folder.checkpoint, reason: "cannot write the checkpoint (disk full?)") }
    }

    /// The checkpoint of the interrupted run in `folder`, checked against this run's inputs and options.
    static func forResuming(_ folder: OutputFolder, fingerprint: String) throws(OutputError) -> Checkpoint {
        guard let data = FileManager.default.contents(atPath: folder.checkpoint) else {
            let finished = FileManager.default.fileExists(atPath: folder.file("report.json"))
            throw OutputError(
                path: folder.path,
                reason: finished
                    ? "nothing to resume: this folder holds a finished run (report.json)"
                    : "nothing to resume: no interrupted run here (no .checkpoint.json)")
        }
        let fields = (try? JSONParser.parse(String(decoding: data, as: UTF8.self)))?.objectValue
        guard let fields, let saved = fields["fingerprint"]?.stringValue, case .bool(let cleaned)? = fields["cleaned"],
            let spoolBytes = fields["spool_bytes"]?.numberText.flatMap({ Int($0) }),
            let rejectsBytes = fields["rejects_bytes"]?.numberText.flatMap({ Int($0) }),
            let report = fields["report"].flatMap(CleanReport.init(json:))
        else { throw OutputError(path: folder.checkpoint, reason: "cannot resume: the checkpoint is damaged; run again without --resume") }
        guard saved == fingerprint else {
            throw OutputError(path: folder.path, reason: "cannot resume: the interrupted run had other inputs or options (\(saved))")
        }
        return Checkpoint(fingerprint: saved, cleaned: cleaned, spoolBytes: spoolBytes, rejectsBytes: rejectsBytes, report: report)
    }
}
