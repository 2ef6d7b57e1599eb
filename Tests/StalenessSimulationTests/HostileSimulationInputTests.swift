import Foundation
import Testing
@testable import StalenessSimulation

/// Sizes and values that used to trap, hang or exhaust memory are refused on the domain types.
@Suite struct HostileSimulationInputTests {
    @Test func arrivalCountsThatOverflowAreRefused() throws {
        let model = WorkerTimeModel.studyDefault
        #expect(throws: SimulationInputError.tooManyArrivals(workers: 4, warmupPerWorker: 100,
                                                             gradients: "4611686018427387904 gradients per worker")) {
            try SimulationConfiguration(workers: 4, model: model, gradientsPerWorker: 1 << 62, seed: 1)
        }
        #expect(throws: SimulationInputError.self) {
            try SimulationConfiguration(workers: 4, model: model, gradients: 10, warmupPerWorker: 1 << 62, seed: 1)
        }
        #expect(throws: SimulationInputError.tooManyArrivals(workers: 32, warmupPerWorker: 1,
                                                             gradients: "\(Int.max) gradients")) {
            try SimulationConfiguration(workers: 32, model: model, gradients: .max, warmupPerWorker: 1, seed: 1)
        }
        // The largest total that fits is accepted.
        let edge = try SimulationConfiguration(workers: 1, model: model, gradients: .max - 100, seed: 1)
        #expect(edge.totalArrivals == .max)
    }

    @Test(arguments: [SimulationConfiguration.maximumWorkers + 1, 1_000_000_000_000, Int.max])
    func workerCountsBeyondTheMaximumAreRefused(workers: Int) {
        #expect(throws: SimulationInputError.tooManyWorkers(workers, maximum: SimulationConfiguration.maximumWorkers)) {
            try SimulationConfiguration(workers: workers, model: .studyDefault, gradients: 1, seed: 1)
        }
    }

    @Test func degenerateTimeModelsAndFactorsAreRefused() {
        for name in ["normal", "lognormal", "gamma"] {
            #expect(throws: SimulationInputError.sigmaOutOfRange(model: name, sigma: 1e9, limit: "σ ≤ 10")) {
                try WorkerTimeModel(name: name, sigma: 1e9)
            }
        }
        #expect((try? WorkerTimeModel(name: "exponential", sigma: 1e9)) == .exponential)
        for (fraction, factor) in [(0.5, 1e-300), (1.0, 1e300), (1.0, 1001.0)] {
            #expect(throws: SimulationInputError.self) { try WorkerHeterogeneity(slowFraction: fraction, slowFactor: factor) }
        }
        #expect(throws: SimulationInputError.self) {
            try WorkerHeterogeneity(stragglerProbability: 1, stragglerFactor: 1e-300)
        }
    }

    /// Staleness does not change when every time is scaled by one constant; scaling by a power of
    /// two is exact in floating point, and the window follows the scale, so the run is identical —
    /// and as fast — with every worker 512 times faster or slower.
    @Test(arguments: [1.0 / 512, 512.0])
    func uniformlyScaledTimesGiveTheIdenticalHistogram(factor: Double) throws {
        let plain = try SimulationConfiguration(workers: 16, model: .normal(sigma: 0.2), gradients: 20_000, seed: 5)
        var scaled = plain
        scaled.heterogeneity = try WorkerHeterogeneity(slowFraction: 1, slowFactor: factor)
        #expect(StalenessSimulator.run(scaled) == StalenessSimulator.run(plain))
    }

    @Test func memoryBudgetReadsItsLimitAndRefusesWithTheFigures() throws {
        #expect(MemoryBudget.parseSize("4G") == 4_294_967_296.0)
        #expect(MemoryBudget.parseSize("512m") == 536_870_912.0)
        #expect(MemoryBudget.parseSize("1000") == 1000)
        for bad in ["", "G", "-1G", "nan", "1X"] { #expect(MemoryBudget.parseSize(bad) == nil) }
        let budget = try MemoryBudget.current(environment: [MemoryBudget.variable: "1M"])
        #expect(budget == MemoryBudget(bytes: 1_048_576, source: MemoryBudget.variable))
        #expect(throws: MemoryBudget.Shortfall.invalidLimit("lots")) {
            try MemoryBudget.current(environment: [MemoryBudget.variable: "lots"])
        }
        let configuration = try SimulationConfiguration(workers: 100_000, model: .studyDefault, gradients: 1, seed: 1)
        let error = try #require(throws: SimulationInputError.self) { try configuration.checkMemory(budget) }
        #expect(error.description == "simulating 100000 workers needs about 25.7 MB of memory, more than the limit STALENESS_MAX_MEMORY=1.0 MB")
        try configuration.checkMemory(MemoryBudget(bytes: 1e9, source: "available"))
    }
}
