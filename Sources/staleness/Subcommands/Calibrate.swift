import ArgumentParser
import Foundation
import SimulationReports
import StalenessSimulation

extension Staleness {
    /// `staleness calibrate LOG`: the worker-time model and σ whose simulated staleness matches a log.
    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the worker-time model and σ whose simulated staleness matches a log.",
            discussion: """
            For each worker-time model, σ minimises the Wasserstein-1 distance between the log's \
            staleness distribution and a simulation of --workers workers (the same seed for every σ: \
            common random numbers), on a grid refined by GSL's Brent minimiser. Slow workers and \
            stragglers known of the cluster (--slow-*, --straggler-*) are simulated with every model. The uncertainty of σ \
            is its standard deviation over --repeats refits to bootstrap resamples of the log. Without \
            --workers, N is estimated as round(mean) + 1 (staleness ≈ N − 1 for homogeneous \
            workers). Reads logs as `fit` does; writes the calibration file --output.
            """
        )

        @OptionGroup var input: LogInputOptions

        @Option(help: "Number of workers N of the logged cluster (default: estimated from the mean).")
        var workers: Int?

        @Option(help: "Comma-separated worker-time models to try (default: all six).")
        var models: String = WorkerTimeModel.names.joined(separator: ",")

        @OptionGroup var known: HeterogeneityOptions

        @Option(help: "Arrivals simulated per evaluation.")
        var gradients = 200_000

        @Option(help: "Bootstrap refits for the uncertainty of σ (0 for none).")
        var repeats = 4

        @Option(help: "Seed of the simulations.")
        var seed: UInt64 = 1

        @Option(help: "Calibration file to write.")
        var output = "notebooks-data/calibration.json"

        func validate() throws {
            if let workers, workers < 1 { throw ValidationError("--workers must be ≥ 1, got \(workers)") }
            if gradients < 1 { throw ValidationError("--gradients must be ≥ 1, got \(gradients)") }
            if repeats < 0 || repeats == 1 { throw ValidationError("--repeats must be 0 or ≥ 2, got \(repeats)") }
        }

        func run() throws {
            let data = try input.read()
            let calibration: ClusterCalibration
            do {
                let heterogeneity = try known.heterogeneity()
                calibration = try ClusterCalibration(log: data.pooled, source: input.log, workers: workers,
                                                     models: models.split(separator: ",").map(String.init),
                                                     heterogeneity: heterogeneity, gradients: gradients, seed: seed,
                                                     repeats: repeats)
            } catch let error as SimulationInputError {
                throw ValidationError(error.description)
            }
            let url = URL(fileURLWithPath: output)
            try OutputDirectory.prepare(url.deletingLastPathComponent())
            try calibration.write(to: url)
            print(calibration.terminalText, terminator: "")
            print("  wrote \(output)")
        }
    }
}
