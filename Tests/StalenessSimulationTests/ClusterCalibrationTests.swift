import Foundation
import SimulationReports
@testable import StalenessSimulation
import Testing

@Suite struct ClusterCalibrationTests {
    /// A log of 10^5 values simulated with known (model, σ, N) is recovered among all six models:
    /// the model right and σ within 5%.
    @Test(arguments: [("gamma", 0.4, 16), ("normal", 0.3, 8), ("uniform", 0.25, 12)])
    func recoversTheModelAndSigmaOfASimulatedLog(model: String, sigma: Double, workers: Int) throws {
        let log = StalenessSimulator.run(try SimulationConfiguration(
            workers: workers, model: WorkerTimeModel(name: model, sigma: sigma), gradients: 100_000, seed: 99))
        let calibration = try ClusterCalibration(log: log, source: "log", workers: workers, gradients: 100_000, seed: 1, repeats: 0)
        #expect(calibration.best.model == model, "\(calibration.terminalText)")
        #expect(abs(calibration.best.sigma - sigma) < 0.05 * sigma, "\(calibration.terminalText)")
        #expect(!calibration.isPoorFit)
        #expect(!calibration.workersEstimated && calibration.workers == workers)
    }

    /// Without N, N − 1 ≈ the mean; the bootstrap gives σ an uncertainty that covers the truth.
    @Test func estimatesTheWorkerCountAndAnUncertainty() throws {
        let log = StalenessSimulator.run(try SimulationConfiguration(workers: 10, model: .normal(sigma: 0.3), gradients: 50_000, seed: 3))
        let calibration = try ClusterCalibration(log: log, source: "log", workers: nil, models: ["normal", "uniform"],
                                                 gradients: 50_000, seed: 1, repeats: 3)
        #expect(calibration.workersEstimated && calibration.workers == 10)
        let error = try #require(calibration.sigmaStandardError)
        #expect(error > 0 && abs(calibration.best.sigma - 0.3) < max(4 * error, 0.015))
    }

    /// Half the values 0, half 10: no worker-time model produces it, and it is said so.
    @Test func aTwoPointLogIsAPoorFit() throws {
        var counts = [Int](repeating: 0, count: 11)
        counts[0] = 5_000
        counts[10] = 5_000
        let calibration = try ClusterCalibration(log: StalenessHistogram(counts: counts), source: "two-point", workers: nil,
                                                 gradients: 20_000, seed: 1, repeats: 0)
        #expect(calibration.isPoorFit)
        #expect(calibration.terminalText.contains("POOR FIT"))
    }

    /// The Wasserstein-1 distance of a shift by d is d; KS of disjoint supports is 1.
    @Test func distancesHaveTheirClosedForms() {
        #expect(abs(HistogramDistance.wasserstein1([0, 1, 2, 1], [0, 0, 0, 1, 2, 1]) - 2) < 1e-12)
        #expect(HistogramDistance.kolmogorovSmirnov([1, 0, 0], [0, 0, 3]) == 1)
        #expect(HistogramDistance.wasserstein1([3, 1], [3, 1]) == 0)
    }

    @Test func roundTripsThroughItsFile() throws {
        let log = StalenessSimulator.run(try SimulationConfiguration(workers: 4, model: .normal(sigma: 0.2), gradients: 5_000, seed: 3))
        let calibration = try ClusterCalibration(log: log, source: "log", workers: 4, models: ["normal"], gradients: 5_000, repeats: 0)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("calibration-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try calibration.write(to: url)
        #expect(try ClusterCalibration.load(from: url) == calibration)
        try Data("{}".utf8).write(to: url)
        #expect(throws: CalibrationFileError.malformed(path: url.relativePath, detail: "not a calibration file of format version 1")) {
            try ClusterCalibration.load(from: url)
        }
    }
}

@Suite struct HeterogeneousCalibrationTests {
    /// Stragglers known of the cluster are simulated with every model: a log of gamma σ = 0.3 with 5%
    /// stragglers ×3 at N = 8 is recovered (model and σ within 5%), and the calibrated simulation
    /// carries the stragglers.
    @Test func recoversSigmaUnderKnownStragglers() throws {
        let stragglers = try WorkerHeterogeneity(stragglerProbability: 0.05, stragglerFactor: 3)
        let log = StalenessSimulator.run(try SimulationConfiguration(
            workers: 8, model: .gamma(sigma: 0.3), heterogeneity: stragglers, gradients: 100_000, seed: 17))
        let calibration = try ClusterCalibration(log: log, source: "log", workers: 8, models: ["gamma", "normal", "lognormal"],
                                                 heterogeneity: stragglers, gradients: 100_000, seed: 1, repeats: 0)
        #expect(calibration.best.model == "gamma", "\(calibration.terminalText)")
        #expect(abs(calibration.best.sigma - 0.3) < 0.05 * 0.3, "\(calibration.terminalText)")
        #expect(calibration.heterogeneity == stragglers)
        #expect(try calibration.simulation(workers: 32).heterogeneity == stragglers)
        #expect(calibration.clusterDescription.hasSuffix("at N = 8, stragglers p = 0.05 ×3.0"))
    }
}
