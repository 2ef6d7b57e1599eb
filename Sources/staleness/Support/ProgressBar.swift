import Foundation
import ResultFiles

/// Shows training progress on stderr: a live bar with rate and ETA on a terminal, nothing between
/// epochs otherwise (the per-epoch log lines carry the news in logs).
final class ProgressBar {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Redraws the bar for `done` of `total` steps, at most ten times a second.
    func update(done: Int, total: Int) {
        guard isTerminal else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let rate = Double(done) / max(elapsed, 1e-9)
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(format: "\r%@ %d/%d steps  %.0f steps/s  ETA %@ ", bar, done, total, rate,
                          DurationText.of(eta))
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Prints `message` on its own line, clearing the bar first.
    func log(_ message: String) {
        var text = message + "\n"
        if drawn {
            text = "\r\u{1B}[K" + text
            drawn = false
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Clears the bar.
    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }
}
