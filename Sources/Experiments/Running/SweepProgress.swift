import Foundation
import ResultFiles

/// Counts a sweep's runs and epochs from any thread and draws one live progress line on stderr:
/// done, running, failed, diverged, ETA. On a terminal the line redraws in place (at most twice a
/// second); in a log file a line is written when a run finishes.
public final class SweepProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let totalRuns: Int
    private var remainingEpochs: Int
    private var done = 0, failed = 0, diverged = 0, running = 0, epochsTrained = 0
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let isTerminal: Bool
    private let write: @Sendable (String) -> Void

    /// A progress counter for `runs` runs of `epochs` epochs in all.
    /// - Parameter write: where the text goes (stderr by default; tests pass their own).
    public init(runs: Int, epochs: Int, isTerminal: Bool = isatty(STDERR_FILENO) == 1,
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        totalRuns = runs
        remainingEpochs = epochs
        self.isTerminal = isTerminal
        self.write = write
    }

    /// A run started.
    public func started() {
        lock.withLock { running += 1 }
        draw(force: false)
    }

    /// A run finished one epoch of training.
    public func finishedEpoch() {
        lock.withLock {
            epochsTrained += 1
            remainingEpochs -= 1
        }
        draw(force: false)
    }

    /// A run ended; `unusedEpochs` of the epochs planned for it did not run (diverged or failed).
    public func finished(status: RunRecord.Status, unusedEpochs: Int, name: String) {
        lock.withLock {
            running -= 1
            remainingEpochs -= unusedEpochs
            switch status {
            case .done: done += 1
            case .diverged: diverged += 1
            case .failed: failed += 1
            }
        }
        if isTerminal {
            draw(force: true)
        } else {
            write(line() + "  (\(status.rawValue): \(name))\n")
        }
    }

    /// Clears the live line (before the final summary).
    public func finish() {
        if isTerminal { write("\r\u{1B}[K") }
    }

    /// Runs that ended (any status), epochs trained and seconds since the start.
    public var totals: (runs: Int, epochs: Int, seconds: Double) {
        lock.withLock { (done + failed + diverged, epochsTrained, Date().timeIntervalSince(start)) }
    }

    /// The progress line, e.g. `12/80 runs: 10 done, 1 diverged, 1 failed, 2 running · 1.3 epochs/s · ETA 4m10s`.
    public func line() -> String {
        lock.withLock {
            let elapsed = Date().timeIntervalSince(start)
            let rate = Double(epochsTrained) / max(elapsed, 1e-9)
            let eta = epochsTrained > 0 ? DurationText.of(Double(max(remainingEpochs, 0)) / rate) : "?"
            return "\(done + failed + diverged)/\(totalRuns) runs: \(done) done, \(diverged) diverged, "
                + "\(failed) failed, \(running) running · " + String(format: "%.2f epochs/s", rate) + " · ETA \(eta)"
        }
    }

    private func draw(force: Bool) {
        guard isTerminal else { return }
        let now = Date()
        let due = lock.withLock {
            guard force || now.timeIntervalSince(lastDraw) >= 0.5 else { return false }
            lastDraw = now
            return true
        }
        if due { write("\r\u{1B}[K" + line()) }
    }
}
