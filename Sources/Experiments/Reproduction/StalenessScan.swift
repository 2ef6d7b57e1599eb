import SimulationReports
import StalenessSimulation

/// Simulates the staleness of N asynchronous workers for several N and turns each histogram into a
/// ``StalenessScanRecord`` (figure 1, claim 1).
public enum StalenessScan {
    /// Worker counts of the reproduction's scan.
    public static let defaultWorkerCounts = [2, 4, 8, 16, 32, 64, 128]

    /// Runs the scan with compute times ~ N(1, σ²), `gradientsPerWorker · N` gradients per N (at
    /// least 100 000), from `seed`.
    /// - Throws: `SimulationInputError` for σ or N out of range.
    public static func run(workerCounts: [Int] = defaultWorkerCounts, sigma: Double = 0.2,
                           gradientsPerWorker: Int = 10_000, seed: UInt64 = 1) throws -> [StalenessScanRecord] {
        let base = try SimulationConfiguration(workers: 1, model: WorkerTimeModel(name: "normal", sigma: sigma),
                                               gradients: 1, seed: seed)
        let scan = try WorkerScan(base: base, sigma: sigma, workerCounts: workerCounts,
                                  gradientsFor: { max(100_000, gradientsPerWorker * $0) })
        return zip(scan.runs, scan.reports).map { run, report in
            let summary = report.analysis.summary
            return StalenessScanRecord(
                workers: run.configuration.workers, sigma: sigma, gradients: summary.count, mean: summary.mean,
                standardDeviation: summary.standardDeviation, fitMean: report.analysis.leastSquares?.mean,
                fitSigma: report.analysis.leastSquares?.sigma,
                kolmogorovSmirnov: report.analysis.goodnessOfFit.kolmogorovSmirnovDistance,
                counts: report.histogram.counts)
        }
    }
}
