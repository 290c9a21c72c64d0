import Foundation
import Unspun

/// The progress line of `clean` on a terminal: step, share done, documents, MB, rate and ETA,
/// rewritten in place at most a few times a second. It also times the steps for the summary line.
final class ProgressLine {
    private let enabled: Bool
    private var stepStarted = Date()
    private var step: DumpCleaner.Progress.Step?
    private var stepStartBytes = 0
    private var lastShown = Date.distantPast
    private var shown = false
    /// Seconds of each step finished so far, in order.
    private var stepSeconds: [(DumpCleaner.Progress.Step, Double)] = []

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func show(_ progress: DumpCleaner.Progress) {
        let now = Date()
        if progress.step != step {
            // The first step started with the run, before its first report.
            if let step {
                stepSeconds.append((step, now.timeIntervalSince(stepStarted)))
                stepStarted = now
                stepStartBytes = progress.bytes
            }
            step = progress.step
        } else if now.timeIntervalSince(lastShown) < 0.25 {
            return
        }
        guard enabled else { return }
        lastShown = now
        let elapsed = max(now.timeIntervalSince(stepStarted), 1e-3)
        var parts = [progress.step.rawValue]
        if let fraction = progress.fraction {
            parts[0] += String(format: " %3.0f%%", min(fraction, 1) * 100)
        }
        parts.append("\(progress.documents) documents")
        if progress.step == .cleaning {
            let megabytes = Double(progress.bytes - stepStartBytes) / 1e6
            parts.append(String(format: "%.1f MB, %.1f MB/s", Double(progress.bytes) / 1e6, megabytes / elapsed))
        }
        if let fraction = progress.fraction, fraction > 0.01, fraction < 1 {
            parts.append("ETA " + Self.duration(elapsed * (1 - fraction) / fraction))
        }
        Diagnostics.write("\r\u{1B}[Kunspun: " + parts.joined(separator: " | "))
        shown = true
    }

    /// Ends the line, and returns how long each step took ("cleaning 27.0 s, grouping 5.1 s, ...").
    func end() -> String {
        if shown { Diagnostics.write("\n") }
        if let step { stepSeconds.append((step, Date().timeIntervalSince(stepStarted))) }
        self.step = nil
        return stepSeconds.map { "\($0.0.rawValue) " + String(format: "%.1f s", $0.1) }.joined(separator: ", ")
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total >= 3600 { return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m" }
        if total >= 60 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total)s"
    }
}
