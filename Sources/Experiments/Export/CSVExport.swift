import Foundation
import ResultFiles
import Training

/// Writes a store's tables as CSV for notebooks and other tools: `runs.csv`, `epochs.csv` and,
/// when the store has one, `staleness_scan.csv`.
///
/// `runs.csv` adds the configuration fields a notebook needs to group runs (momentum, schedule,
/// delay kind, train subset) beside the store's key columns; accuracies are fractions 0…1.
public enum CSVExport {
    /// The column names of `runs.csv`.
    public static let runColumns = [
        "config_hash", "run_name", "optimizer", "momentum", "learning_rate", "batch_size", "delay", "delay_kind",
        "delay_mean", "remedies", "schedule", "seed", "epochs", "train_subset", "input", "status",
        "final_test_accuracy", "best_test_accuracy", "diverged_step", "seconds", "error",
    ]

    /// The column names of `epochs.csv`.
    public static let epochColumns = [
        "config_hash", "epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "learning_rate",
        "updates", "seconds",
    ]

    /// The three tables as (file name, CSV text), from `snapshot` alone.
    public static func tables(_ snapshot: StoreSnapshot) -> [(name: String, text: String)] {
        func text(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        var runs = CSVTable(header: runColumns)
        for run in snapshot.runs {
            let c = try? run.decodedConfiguration()
            runs.append([
                run.hash, run.runName, run.optimizer, text(c?.optimizer.momentum), "\(run.learningRate)",
                "\(run.batchSize)", run.delay, c.map { Self.delayKind($0.delay) } ?? "", "\(run.delayMean)",
                run.remedies, c.map { "\($0.schedule)" } ?? "", "\(UInt64(bitPattern: run.seed))", "\(run.epochs)",
                c?.trainSubset.map(String.init) ?? "", c?.input.rawValue ?? "", run.status.rawValue,
                text(run.finalTestAccuracy), text(run.bestTestAccuracy), run.divergedStep.map(String.init) ?? "",
                "\(run.seconds)", run.error ?? "",
            ])
        }
        var epochs = CSVTable(header: epochColumns)
        for e in snapshot.epochs {
            epochs.append([e.runHash, "\(e.epoch)", text(e.trainLoss), text(e.trainAccuracy), text(e.testLoss),
                           "\(e.testAccuracy)", text(e.learningRate), "\(e.updates)", "\(e.seconds)"])
        }
        var result = [("runs.csv", runs.text), ("epochs.csv", epochs.text)]
        if !snapshot.stalenessScan.isEmpty {
            var scan = CSVTable(header: ["workers", "sigma", "gradients", "mean", "standard_deviation", "fit_mean",
                                         "fit_sigma", "ks_distance", "staleness", "count"])
            for row in snapshot.stalenessScan {
                for (staleness, count) in row.counts.enumerated() where count > 0 {
                    scan.append(["\(row.workers)", "\(row.sigma)", "\(row.gradients)", "\(row.mean)",
                                 "\(row.standardDeviation)", text(row.fitMean), text(row.fitSigma),
                                 "\(row.kolmogorovSmirnov)", "\(staleness)", "\(count)"])
                }
            }
            result.append(("staleness_scan.csv", scan.text))
        }
        return result
    }

    /// Writes the tables into `directory` (created if need be), each file atomically.
    /// - Returns: the files written.
    /// - Throws: `OutputError` when a file cannot be written.
    @discardableResult
    public static func write(_ snapshot: StoreSnapshot, to directory: URL) throws(OutputError) -> [URL] {
        var written: [URL] = []
        for (name, text) in tables(snapshot) {
            let url = directory.appendingPathComponent(name)
            try AtomicFile.write(text, to: url)
            written.append(url)
        }
        return written
    }

    /// sync, constant, sampled or emulated.
    public static func delayKind(_ delay: DelaySpecification) -> String {
        switch delay {
        case .none: "sync"
        case .constant: "constant"
        case .sampled: "sampled"
        case .emulated: "emulated"
        }
    }
}
