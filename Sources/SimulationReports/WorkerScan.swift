import Foundation
import ResultFiles
import StalenessSimulation

/// The same simulation repeated for several worker counts N, one report per N.
public struct WorkerScan: Sendable {
    /// The simulations, in the order of the requested worker counts.
    public var runs: [SimulationRun]
    /// One report per run.
    public var reports: [StalenessReport]

    /// Simulates `base` once for each of `workerCounts`; every run uses `base`'s seed.
    /// `gradientsFor(N)` gives the number of gradients to record at N.
    /// - Throws: ``SimulationInputError`` for a worker count below 1 (checked before anything runs).
    public init(base: SimulationConfiguration, sigma: Double, workerCounts: [Int],
                gradientsFor: (Int) -> Int) throws(SimulationInputError) {
        try self.init(base: base, sigma: sigma, workerCounts: workerCounts, gradientsFor: gradientsFor, progress: nil)
    }

    /// The same, calling `progress(workers, arrivals so far, total arrivals)` during each run
    /// (see ``StalenessSimulator/run(_:observer:progress:)``).
    public init(base: SimulationConfiguration, sigma: Double, workerCounts: [Int], gradientsFor: (Int) -> Int,
                progress: ((_ workers: Int, _ arrivals: Int, _ total: Int) -> Void)?) throws(SimulationInputError) {
        var configurations: [SimulationConfiguration] = []
        for workers in workerCounts {
            configurations.append(try SimulationConfiguration(
                workers: workers, model: base.model, heterogeneity: base.heterogeneity,
                gradients: gradientsFor(workers), warmupPerWorker: base.warmupPerWorker, seed: base.seed))
        }
        runs = []
        reports = []
        for configuration in configurations {
            // Without a trace nothing can fail, and a run records ≥ 1 gradient, so its histogram is not empty.
            let report = progress.map { progress in { progress(configuration.workers, $0, $1) } }
            guard let run = try? SimulationRun.perform(configuration, progress: report),
                  let report = try? StalenessReport(run: run, sigma: sigma) else { continue }
            runs.append(run)
            reports.append(report)
        }
    }

    /// The scan table: one row per N with the statistics and fits (see the README for the columns).
    public var table: CSVTable {
        let quantileColumns = SummaryStatistics.quantileLevels.map { "q" + String(format: "%02d", Int(($0 * 100).rounded())) }
        var table = CSVTable(header: ["workers", "model", "sigma", "gradients", "mean", "sd", "skewness",
                                      "excess_kurtosis", "min", "max"] + quantileColumns
                                 + ["normal_discretised_sigma", "ls_amplitude", "ls_mean", "ls_mean_se", "ls_sigma",
                                    "ls_sigma_se", "chi_square", "chi_square_dof", "chi_square_p", "ks_distance"])
        let n = StalenessReport.number
        for report in reports {
            let s = report.analysis.summary, g = report.analysis.goodnessOfFit
            let parameters = report.simulation
            var row = [String(parameters?.workers ?? 0), parameters?.model ?? "", n(parameters?.sigma ?? 0),
                       String(s.count), n(s.mean), n(s.standardDeviation), n(s.skewness), n(s.excessKurtosis),
                       String(s.minimum), String(s.maximum)]
            row += s.quantiles.map(String.init)
            row.append(n(report.analysis.normal.discretisedSigma))
            if let ls = report.analysis.leastSquares {
                row += [n(ls.amplitude), n(ls.mean), n(ls.meanError), n(ls.sigma), n(ls.sigmaError)]
            } else {
                row += ["", "", "", "", ""]
            }
            row += [n(g.chiSquare), String(g.degreesOfFreedom), g.pValue.map(n) ?? "", n(g.kolmogorovSmirnovDistance)]
            table.append(row)
        }
        return table
    }

    /// A compact terminal table, one line per N.
    public var terminalText: String {
        func cell(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        let widths = [6, 11, 10, 8, 8, 8, 10, 8, 10, 8]
        func line(_ cells: [String]) -> String { zip(cells, widths).map { cell($0, $1) }.joined(separator: " ") }
        var lines = [line(["N", "gradients", "mean", "sd", "skew", "ex.kurt", "LS μ", "LS σ", "χ² p", "KS"])]
        for (run, report) in zip(runs, reports) {
            let s = report.analysis.summary, ls = report.analysis.leastSquares, g = report.analysis.goodnessOfFit
            let f = { (format: String, value: Double) in String(format: format, value) }
            lines.append(line([
                String(run.configuration.workers), String(s.count), f("%.3f", s.mean), f("%.3f", s.standardDeviation),
                f("%.3f", s.skewness), f("%.3f", s.excessKurtosis), ls.map { f("%.3f", $0.mean) } ?? "-",
                ls.map { f("%.3f", $0.sigma) } ?? "-", g.pValue.map { f("%.3g", $0) } ?? "-",
                f("%.5f", g.kolmogorovSmirnovDistance),
            ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension WorkerScan {
    /// The scan table's file name, e.g. `staleness-scan-normal-sigma0.2.csv`.
    public static func tableFileName(model: WorkerTimeModel, sigma: Double, heterogeneity: WorkerHeterogeneity) -> String {
        "staleness-scan-" + StalenessReport.modelStem(model, sigma: sigma, heterogeneity: heterogeneity) + ".csv"
    }

    /// Writes every N's report files and then the scan table into `directory`, as one set
    /// (``AtomicFileSet``: all new or, on a failure, all as before).
    /// - Returns: the written files, the scan table last.
    /// - Throws: `OutputError` naming the first file that cannot be written.
    public func write(to directory: URL, sigma: Double) throws(OutputError) -> [URL] {
        var files = AtomicFileSet()
        for report in reports { try report.stage(into: &files, directory: directory) }
        if let first = runs.first {
            try files.add(table.text, to: directory.appendingPathComponent(Self.tableFileName(
                model: first.configuration.model, sigma: sigma, heterogeneity: first.configuration.heterogeneity)))
        }
        return try files.publish()
    }
}
