import Foundation
import ResultFiles
import Testing
@testable import StalenessSimulation

@Suite struct StalenessSimulatorTests {
    private func histogram(workers: Int, model: WorkerTimeModel, gradients: Int, warmup: Int = 100,
                           heterogeneity: WorkerHeterogeneity = .none, seed: UInt64 = 1) throws -> StalenessHistogram {
        StalenessSimulator.run(try SimulationConfiguration(workers: workers, model: model, heterogeneity: heterogeneity,
                                                           gradients: gradients, warmupPerWorker: warmup, seed: seed))
    }

    @Test(arguments: [1, 2, 5, 32, 100])
    func constantTimesGiveExactlyNMinusOneAfterWarmup(workers: Int) throws {
        let h = try histogram(workers: workers, model: .normal(sigma: 0), gradients: 50 * workers, warmup: 1)
        #expect(h.counts == [Int](repeating: 0, count: workers - 1) + [50 * workers])
    }

    @Test func withoutWarmupTheFirstRoundCountsUpFromZero() throws {
        // All workers finish together; ties go to the lower id, so worker i's first gradient finds i updates.
        let h = try histogram(workers: 5, model: .normal(sigma: 0), gradients: 25, warmup: 0)
        #expect(h.counts == [1, 1, 1, 1, 21])
    }

    @Test(arguments: ["normal", "lognormal", "exponential", "gamma", "uniform", "shifted-exponential"])
    func aSingleWorkerIsNeverStale(model: String) throws {
        let h = try histogram(workers: 1, model: try WorkerTimeModel(name: model, sigma: 0.3), gradients: 1000)
        #expect(h.counts == [1000])
    }

    @Test(arguments: [2, 3, 8, 32, 100, 256])
    func meanStalenessIsNMinusOne(workers: Int) throws {
        let h = try histogram(workers: workers, model: .normal(sigma: 0.2), gradients: 1000 * workers)
        let mean = try SummaryStatistics(histogram: h).mean
        #expect(abs(mean - Double(workers - 1)) <= 0.01 * Double(workers - 1))
    }

    @Test func spreadGrowsWithWorkers() throws {
        let sds = try [4, 16, 64, 256].map { n in
            try SummaryStatistics(histogram: histogram(workers: n, model: .normal(sigma: 0.2), gradients: 400 * n))
                .standardDeviation
        }
        #expect(zip(sds, sds.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func slowWorkerPatternMatchesHandSimulation() throws {
        // Worker 0 takes 1, worker 1 takes 2. Per 2 time units: worker 0 submits twice (finding 1 and
        // 0 updates since its read), worker 1 once (finding 2). Warm-up skips the first 2 arrivals.
        let slow = try WorkerHeterogeneity(slowFraction: 0.5, slowFactor: 2)
        let h = try histogram(workers: 2, model: .normal(sigma: 0), gradients: 300, warmup: 1, heterogeneity: slow)
        #expect(h.counts == [100, 100, 100])
    }

    @Test func certainStragglersActLikeUniformSlowdown() throws {
        let always = try WorkerHeterogeneity(stragglerProbability: 1, stragglerFactor: 3)
        let h = try histogram(workers: 7, model: .normal(sigma: 0), gradients: 700, warmup: 1, heterogeneity: always)
        #expect(h.counts == [0, 0, 0, 0, 0, 0, 700])
    }

    @Test func sameSeedSameHistogramDifferentSeedDifferent() throws {
        let a = try histogram(workers: 16, model: .normal(sigma: 0.2), gradients: 20_000, seed: 5)
        let b = try histogram(workers: 16, model: .normal(sigma: 0.2), gradients: 20_000, seed: 5)
        let c = try histogram(workers: 16, model: .normal(sigma: 0.2), gradients: 20_000, seed: 6)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func traceListsEveryRecordedGradientInArrivalOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("trace.csv")
        let configuration = try SimulationConfiguration(workers: 4, model: .normal(sigma: 0), gradients: 8,
                                                        warmupPerWorker: 1, seed: 1)
        let run = try SimulationRun.perform(configuration, trace: url)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines == ["arrival,worker,staleness", "4,0,3", "5,1,3", "6,2,3", "7,3,3",
                          "8,0,3", "9,1,3", "10,2,3", "11,3,3"])
        #expect(run.histogram.counts == [0, 0, 0, 8])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["trace.csv"])
    }

    @Test func unwritableTraceFailsWithoutLeavingAFile() throws {
        let configuration = try SimulationConfiguration(workers: 2, model: .normal(sigma: 0.1), gradients: 10, seed: 1)
        #expect(throws: OutputError.self) {
            _ = try SimulationRun.perform(configuration, trace: URL(fileURLWithPath: "/proc/no/such/trace.csv"))
        }
    }
}
