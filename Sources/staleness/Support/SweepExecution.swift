import ArgumentParser
import Experiments
import Foundation
import ResultFiles
import Training

/// Runs configurations into a store the way `sweep` and `reproduce` do, and prints the throughput.
enum SweepExecution {
    /// Loads the data, runs what is missing from `storePath` with `jobs` runs in flight, prints a
    /// summary line on stderr and returns the outcome.
    static func run(_ configurations: [TrainingConfiguration], storePath: String, jobs: Int, dataOption: String?,
                    retryFailed: Bool = false) async throws -> SweepRunner.Outcome {
        let store = try ResultsStore(path: storePath)
        if retryFailed {
            let deleted = try store.deleteFailedRuns()
            if deleted > 0 { printError("retrying \(deleted) failed run(s)") }
        }
        let data = try DataCache(for: configurations, dataOption: dataOption)
        // Ctrl-C: the runs in progress are not stored; their leases are released for the next sweep.
        let interruption = InterruptHandler {
            let released = (try? store.releaseLeases()) != nil
            printError("interrupted: the finished runs are stored in \(storePath); "
                       + (released ? "the runs in progress were released, rerun the same command to continue"
                                   : "the runs in progress could not be released (their claims expire in "
                                     + "\(Int(ResultsStore.leaseTimeout)) s)"))
        }
        defer { interruption.stop() }
        let outcome = try await SweepRunner(jobs: jobs).run(configurations, data: data, store: store) { runs, epochs in
            printError("sweep: \(configurations.count) configurations, \(configurations.count - runs) already in "
                       + "\(storePath), \(runs) to run (\(epochs) epochs) with \(jobs) jobs")
            return SweepProgress(runs: runs, epochs: epochs)
        }
        let elsewhere = outcome.elsewhere > 0 ? ", \(outcome.elsewhere) run by another sweep on this store" : ""
        printError(String(format: "sweep finished: %d done, %d diverged, %d failed, %d skipped%@ in %@ — "
                          + "%.1f runs/hour, %.3f epochs/s on this machine (%d jobs)",
                          outcome.done, outcome.diverged, outcome.failed, outcome.skipped, elsewhere,
                          DurationText.of(outcome.seconds), outcome.runsPerHour, outcome.epochsPerSecond,
                          jobs))
        return outcome
    }
}
