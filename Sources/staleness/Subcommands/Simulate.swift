import ArgumentParser
import Foundation
import SimulationReports
import StalenessSimulation

extension Staleness {
    /// `staleness simulate`: the Monte-Carlo staleness distribution of N asynchronous workers.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate the staleness of N asynchronous workers and fit a normal curve to it.",
            discussion: """
            Worker i reads the parameters, computes for a random time, submits its gradient and reads \
            again; the server applies gradients in arrival order (ties: lower worker id first). A \
            gradient's staleness is the number of updates applied between its worker's read and its \
            arrival. Writes <stem>.json (distribution file), <stem>-histogram.csv and <stem>.svg into \
            --out, and for a list of worker counts also staleness-scan-<model>.csv.
            """
        )

        @Option(help: "Number of workers N, or a comma-separated list (e.g. 2,4,8,16) for a scan over N.")
        var workers = "32"

        @OptionGroup var workerTime: WorkerTimeOptions

        @Option(help: "Total number of gradients to record (default 1000000 unless --per-worker is given).")
        var gradients: Int?

        @Option(help: "Gradients to record per worker (total = this × N); excludes --gradients.")
        var perWorker: Int?

        @Option(help: "Warm-up: arrivals per worker (warmup × N in total) simulated but not recorded.")
        var warmup = SimulationConfiguration.defaultWarmupPerWorker

        @Option(help: "Seed of the GSL random number generator.")
        var seed: UInt64 = 1

        @Option(help: "Output directory.")
        var out = "notebooks-data"

        @Option(help: "Also write every recorded gradient (arrival,worker,staleness) to this CSV file (single N only).")
        var trace: String?

        @Flag(help: "Keep every observed value in <stem>-histogram.csv and <stem>.json even when the values span more than \(StalenessHistogram.maximumExactSpan) (binned otherwise).")
        var exactHistogram = false

        @Flag(help: "Print one JSON summary object on stdout instead of the table.")
        var json = false

        func validate() throws {
            let counts = try workerCounts()
            let configurations = try configurations(workers: counts)
            if gradients != nil && perWorker != nil {
                throw CommandLineError("give either --gradients or --per-worker, not both")
            }
            let budget = try MemoryBudget.current()
            for configuration in configurations { try configuration.checkMemory(budget) }
            if trace != nil && counts.count > 1 {
                throw CommandLineError("--trace needs a single worker count, not a scan")
            }
        }

        func run() throws {
            let counts = try workerCounts()
            let calibrated = try workerTime.calibration.map { path throws(CalibrationFileError) in
                try ClusterCalibration.load(from: URL(fileURLWithPath: path))
            }
            let sigma = calibrated?.best.sigma ?? workerTime.sigma ?? WorkerTimeModel.studyDefault.standardDeviation
            let directory = URL(fileURLWithPath: out)
            try OutputDirectory.prepare(directory)
            if let calibrated, !json { print(calibrated.extrapolationText(workers: counts), terminator: "") }
            let configurations = try configurations(workers: counts)
            if counts.count == 1 {
                let configuration = configurations[0]
                let status = StatusLine("simulating N = \(configuration.workers), arrivals")
                let run = try SimulationRun.perform(configuration, trace: trace.map { URL(fileURLWithPath: $0) },
                                                    progress: status.update)
                status.finish()
                var report = try StalenessReport(run: run, sigma: sigma)
                report.exactHistogram = exactHistogram
                let files = try report.write(to: directory).map(\.relativePath) + (trace.map { [$0] } ?? [])
                if json {
                    print(SimulationSummary.jsonLine(SimulationSummary(report: report, run: run, files: files)))
                } else {
                    print(report.terminalText, terminator: "")
                    print(String(format: "  simulated in %.3f s (%.1f million gradients/s, warm-up included)",
                                 run.seconds, run.arrivalsPerSecond / 1e6))
                    for file in files { print("  wrote \(file)") }
                }
            } else {
                let gradients = Dictionary(configurations.map { ($0.workers, $0.gradients) },
                                           uniquingKeysWith: { first, _ in first })
                var status: (workers: Int, line: StatusLine)?
                let scan = try WorkerScan(base: configurations[0], sigma: sigma,
                                          workerCounts: counts, gradientsFor: { gradients[$0] ?? 1 },
                                          progress: { workers, done, total in
                    if status?.workers != workers {
                        status?.line.finish()
                        status = (workers, StatusLine("simulating N = \(workers), arrivals"))
                    }
                    status?.line.update(done: done, total: total)
                })
                status?.line.finish()
                let files = try scan.write(to: directory, sigma: sigma).map(\.relativePath)
                if json {
                    let runs = zip(scan.reports, scan.runs).map { SimulationSummary(report: $0, run: $1, files: []) }
                    print(SimulationSummary.jsonLine(ScanSummary(runs: runs, files: files)))
                } else {
                    print(scan.terminalText, terminator: "")
                    if let table = files.last { print("  wrote \(table) and \(files.count - 1) per-N files") }
                }
            }
        }

        /// The `--json` object of a scan.
        private struct ScanSummary: Encodable {
            var runs: [SimulationSummary]
            var files: [String]
        }

        private func workerCounts() throws -> [Int] {
            let fields = workers.split(separator: ",", omittingEmptySubsequences: false)
            let counts = fields.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard counts.count == fields.count, !counts.isEmpty else {
                throw CommandLineError("--workers must be an integer or a comma-separated list of integers, got '\(workers)'")
            }
            if let bad = counts.first(where: { $0 < 1 }) {
                throw SimulationInputError.invalidWorkerCount(bad)
            }
            return counts
        }

        /// One simulation per worker count, on the cluster the options (or the calibration) describe,
        /// which is resolved once.
        private func configurations(workers counts: [Int]) throws -> [SimulationConfiguration] {
            let (model, heterogeneity) = try workerTime.cluster()
            return try counts.map { workers in
                if let perWorker {
                    return try SimulationConfiguration(workers: workers, model: model, heterogeneity: heterogeneity,
                                                       gradientsPerWorker: perWorker, warmupPerWorker: warmup, seed: seed)
                }
                return try SimulationConfiguration(workers: workers, model: model, heterogeneity: heterogeneity,
                                                   gradients: gradients ?? 1_000_000, warmupPerWorker: warmup, seed: seed)
            }
        }
    }
}
