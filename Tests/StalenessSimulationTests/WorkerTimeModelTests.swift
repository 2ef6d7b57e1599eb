import GSLRandom
@testable import StalenessSimulation
import Testing

@Suite struct WorkerTimeModelTests {
    @Test(arguments: [
        ("normal", 0.2), ("lognormal", 0.5), ("exponential", 1.0), ("shifted-exponential", 0.4), ("gamma", 0.7),
        ("uniform", 0.3),
    ])
    func meanIsOneAndSpreadIsSigma(name: String, sd: Double) throws {
        let model = try WorkerTimeModel(name: name, sigma: sd)
        let sampler = WorkerTimeSampler(model)
        let rng = RandomGenerator(seed: 3)
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0, smallest = Double.infinity
        for _ in 0..<n {
            let x = sampler.draw(rng)
            sum += x
            sumSquares += x * x
            smallest = min(smallest, x)
        }
        let mean = sum / Double(n), variance = sumSquares / Double(n) - mean * mean
        // Standard error of the mean is sd/√n ≤ 2.3e-3; allow 5 of them. The sd is checked to 3%.
        #expect(abs(mean - 1) < 5 * sd / Double(n).squareRoot())
        #expect(abs(variance.squareRoot() - model.standardDeviation) < 0.03 * model.standardDeviation)
        #expect(smallest > 0)
    }

    @Test func shiftedExponentialNeverGoesBelowItsShift() {
        let sampler = WorkerTimeSampler(.shiftedExponential(sigma: 0.3))
        let rng = RandomGenerator(seed: 1)
        #expect((0..<10_000).allSatisfy { _ in sampler.draw(rng) >= 0.7 })
    }

    @Test func wideNormalDrawsAreTruncatedToPositiveTimes() {
        let sampler = WorkerTimeSampler(.normal(sigma: 2))
        let rng = RandomGenerator(seed: 1)
        #expect((0..<10_000).allSatisfy { _ in sampler.draw(rng) > 0 })
    }

    @Test func rejectsBadNamesAndSigmas() {
        #expect(throws: SimulationInputError.unknownModel("weibull")) { try WorkerTimeModel(name: "weibull", sigma: 0.2) }
        #expect(throws: SimulationInputError.invalidSigma(-0.1)) { try WorkerTimeModel(name: "normal", sigma: -0.1) }
        #expect(throws: SimulationInputError.self) { try WorkerTimeModel(name: "normal", sigma: .nan) }
        #expect(throws: SimulationInputError.self) { try WorkerTimeModel(name: "uniform", sigma: 0.6) }
        #expect(throws: SimulationInputError.self) { try WorkerTimeModel(name: "shifted-exponential", sigma: 1.5) }
    }

    @Test func slowWorkersAreTheHighestIds() throws {
        let h = try WorkerHeterogeneity(slowFraction: 0.25, slowFactor: 4)
        #expect(h.speedFactors(workers: 8) == [1, 1, 1, 1, 1, 1, 4, 4])
    }
}
