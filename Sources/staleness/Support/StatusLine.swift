import Foundation
import ResultFiles

/// Progress of one long step on stderr, shown only once the step has run for a couple of seconds:
/// on a terminal a line redrawn at most ten times a second, otherwise (a log file) a line at most
/// every ten seconds, so that quick runs print nothing and logs are not flooded.
final class StatusLine {
    private let task: String
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Seconds a step runs silently before its progress is shown.
    static let quietSeconds = 2.0

    /// A status line for `task`, e.g. `simulating`.
    init(_ task: String) { self.task = task }

    /// Reports `done` of `total` units (e.g. arrivals).
    func update(done: Int, total: Int) {
        guard done < total, let elapsed = due() else { return }
        let fraction = Double(done) / Double(max(total, 1))
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        draw(String(format: "%@: %.0f%% (%d of %d) after %@, about %@ left", task, 100 * fraction, done, total,
                    DurationText.of(elapsed), DurationText.of(eta)))
    }

    /// Reports `done` units of a task of unknown length (e.g. lines of a log).
    func update(done: Int) {
        guard let elapsed = due() else { return }
        draw("\(task): \(done) after \(DurationText.of(elapsed))")
    }

    /// The seconds elapsed when a line is due now, else nil.
    private func due() -> Double? {
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= Self.quietSeconds, now.timeIntervalSince(lastDraw) >= (isTerminal ? 0.1 : 10) else { return nil }
        lastDraw = now
        return elapsed
    }

    private func draw(_ text: String) {
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[K" + text : text + "\n").utf8))
        drawn = isTerminal
    }

    /// Clears a terminal line drawn by ``update(done:total:)``.
    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }
}
