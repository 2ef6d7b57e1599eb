import CGSL
import Foundation
import Numerics
import StalenessSimulation
import Testing
@testable import Training

/// The equivalences the README's "A clock for asynchrony" promises, and closed forms of its clock.
@Suite struct ClusterAlgorithmTests {
    static func cluster(_ algorithm: Algorithm, workers: Int, sigma: Double = 0.2, communication: Double = 0,
                        base: WorkerTimeBase = .equal) throws -> DelaySpecification {
        let heterogeneity = try WorkerHeterogeneity(baseTimes: base)
        return .emulated(try WorkerEmulation(
            workers: workers, order: .simulated(model: .normal(sigma: sigma), heterogeneity: heterogeneity, seed: 11),
            algorithm: algorithm, communicationTime: communication))
    }

    static func configuration(_ delay: DelaySpecification, batch: Int = 10, epochs: Int = 2) -> TrainingConfiguration {
        var configuration = SyntheticData.configuration(batch: batch, epochs: epochs)
        configuration.delay = delay
        return configuration
    }

    static func untimed(_ result: TrainingResult) -> [EpochMetrics] {
        result.epochs.map { var metrics = $0; metrics.seconds = 0; metrics.clock = nil; return metrics }
    }

    /// Bit-for-bit equality without printing 61 706 numbers when it fails.
    static func same(_ a: [Float], _ b: [Float]) -> Bool { a == b }

    /// Largest |a − b| relative to the largest |a|.
    static func relativeDifference(_ a: [Float], _ b: [Float]) -> Float {
        let scale = a.map(abs).max()!
        return zip(a, b).map { abs($0 - $1) }.max()! / scale
    }

    @Test func syncWithOneWorkerIsSynchronousTraining() throws {
        let plain = try SyntheticData.run(Self.configuration(.none))
        let sync = try SyntheticData.run(Self.configuration(Self.cluster(.sync, workers: 1)))
        #expect(Self.same(plain.parameters, sync.parameters))
        #expect(Self.untimed(plain.result) == Self.untimed(sync.result))
    }

    /// N workers of batch b see the same examples as one batch N·b; only the summation order of the
    /// mean gradient differs (N means of b, then their mean), hence a Float-rounding tolerance.
    @Test(arguments: [2, 4])
    func syncWithNWorkersIsSynchronousTrainingWithBatchNb(workers: Int) throws {
        let plain = try SyntheticData.run(Self.configuration(.none, batch: 5 * workers))
        let sync = try SyntheticData.run(Self.configuration(Self.cluster(.sync, workers: workers), batch: 5))
        #expect(Self.relativeDifference(plain.parameters, sync.parameters) < 1e-4)
        #expect(plain.result.epochs.map(\.updates) == sync.result.epochs.map(\.updates))
        for (a, b) in zip(plain.result.epochs, sync.result.epochs) {
            #expect(a.testLoss.isApproximatelyEqual(to: b.testLoss, relativeTolerance: 1e-4))
        }
    }

    @Test func syncBackupZeroIsSync() throws {
        let sync = try SyntheticData.run(Self.configuration(Self.cluster(.sync, workers: 3)))
        let backup = try SyntheticData.run(Self.configuration(Self.cluster(.syncBackup(backups: 0), workers: 3)))
        #expect(Self.same(sync.parameters, backup.parameters))
        #expect(sync.result.epochs.map(\.clock) == backup.result.epochs.map(\.clock))
    }

    @Test func ringmasterWithoutBoundIsAsync() throws {
        let async = try SyntheticData.run(Self.configuration(Self.cluster(.async, workers: 5)))
        let ringmaster = try SyntheticData.run(
            Self.configuration(Self.cluster(.ringmaster(maxStaleness: nil), workers: 5)))
        #expect(Self.same(async.parameters, ringmaster.parameters))
        #expect(Self.untimed(async.result) == Self.untimed(ringmaster.result))
        #expect(async.result.epochs.map(\.clock) == ringmaster.result.epochs.map(\.clock))
    }

    /// The clocked async source replays the simulator's order exactly like the clockless emulation
    /// of the same order read from a trace.
    @Test func clockedAsyncIsTodaysEmulation() throws {
        let workers = 6
        let simulation = try SimulationConfiguration(workers: workers, model: .normal(sigma: 0.2), gradients: 200,
                                                     warmupPerWorker: 0, seed: 11)
        var recorder = WorkerSequenceRecorder(capacity: 200)
        _ = StalenessSimulator.run(simulation, observer: &recorder)
        let traceURL = FileManager.default.temporaryDirectory.appendingPathComponent("clocked-async-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: traceURL) }
        let rows = recorder.workers.enumerated().map { "\($0.offset),\($0.element),0" }
        try (["arrival,worker,staleness"] + rows).joined(separator: "\n").write(to: traceURL, atomically: true, encoding: .utf8)
        let trace = try TraceFile(contentsOf: traceURL)
        #expect(trace.workerIDs == recorder.workers)
        let traced = try SyntheticData.run(Self.configuration(.emulated(try WorkerEmulation(
            workers: workers, order: .recorded(trace: trace.reference)))))
        let clocked = try SyntheticData.run(Self.configuration(Self.cluster(.async, workers: workers)))
        #expect(Self.same(traced.parameters, clocked.parameters))
        #expect(Self.untimed(traced.result) == Self.untimed(clocked.result))
        #expect(traced.result.epochs.allSatisfy { $0.clock == nil })
        #expect(clocked.result.epochs.last?.clock?.applied == 20)
    }

    @Test func rennalaWithOneWorkerIsSynchronousTrainingWithBatchBb() throws {
        let plain = try SyntheticData.run(Self.configuration(.none, batch: 20))
        let rennala = try SyntheticData.run(Self.configuration(Self.cluster(.rennala(batches: 4), workers: 1), batch: 5))
        #expect(Self.relativeDifference(plain.parameters, rennala.parameters) < 1e-4)
        // One worker: after each step its gradient in flight was computed on the old parameters.
        // Epoch 1: the nine steps after the first; epoch 2: all ten.
        #expect(rennala.result.epochs[1...].map { $0.clock!.applied } == [40, 40])
        #expect(rennala.result.epochs[1...].map { $0.clock!.discarded } == [9, 10])
        let single = try SyntheticData.run(Self.configuration(Self.cluster(.rennala(batches: 1), workers: 1)))
        let plainTen = try SyntheticData.run(Self.configuration(.none))
        #expect(Self.same(single.parameters, plainTen.parameters))
    }

    @Test func ringmasterDiscardsOnlyGradientsStalerThanR() throws {
        var staleness: [Int] = []
        let run = try SyntheticData.run(Self.configuration(Self.cluster(.ringmaster(maxStaleness: 2), workers: 8)),
                                        updates: { staleness.append($0.staleness) })
        #expect(staleness.max()! <= 2)
        let clocks = run.result.epochs.compactMap(\.clock)
        #expect(clocks.map(\.discarded).reduce(0, +) > 0)
        for clock in clocks { #expect(clock.computed == clock.applied + clock.discarded) }
    }

    /// σ = 0: every compute time is 1, so a sync step lasts exactly 1 (plus two messages); workers are
    /// never idle without communication.
    @Test(arguments: [0.0, 0.25])
    func syncStepWithSigmaZeroLastsOne(communication: Double) throws {
        let run = try SyntheticData.run(Self.configuration(Self.cluster(.sync, workers: 4, sigma: 0,
                                                                       communication: communication), batch: 5))
        let steps = 200 / (4 * 5)
        for epoch in run.result.epochs {
            #expect(epoch.clock?.time == Double(epoch.epoch * steps) * (1 + 2 * communication))
        }
        let idle = try #require(run.result.epochs[1].clock?.idleFraction)
        #expect(idle.isApproximatelyEqual(to: 1 - 1 / (1 + 2 * communication), absoluteTolerance: 1e-12))
    }

    /// Fixed √(i+1) times with σ = 0: a sync step of N workers lasts √N.
    @Test func sqrtBaseTimesMakeTheSlowestWorkerTakeRootN() throws {
        let run = try SyntheticData.run(Self.configuration(Self.cluster(.sync, workers: 4, sigma: 0, base: .sqrt),
                                                           batch: 5, epochs: 1))
        #expect(run.result.epochs[1].clock!.time.isApproximatelyEqual(to: 10 * 2, relativeTolerance: 1e-12))
    }

    static func expectedMaximum(workers: Int, sigma: Double) -> Double {
        // E[max] = ∫₀^∞ (1 − F(x)^N) dx for a positive variable, F the normal truncated to (0, ∞)
        // as the model draws it: F(x) = (Φ((x − 1)/σ) − Φ(−1/σ)) / (1 − Φ(−1/σ)).
        var parameters = (Double(workers), sigma)
        let function: @convention(c) (Double, UnsafeMutableRawPointer?) -> Double = { x, pointer in
            let p = pointer!.assumingMemoryBound(to: (Double, Double).self).pointee
            let below = gsl_cdf_gaussian_P(-1, p.1)
            let cdf = (gsl_cdf_gaussian_P(x - 1, p.1) - below) / (1 - below)
            return 1 - Foundation.pow(cdf, p.0)
        }
        let workspace = gsl_integration_workspace_alloc(1000)!
        defer { gsl_integration_workspace_free(workspace) }
        var result = 0.0, error = 0.0
        withUnsafeMutablePointer(to: &parameters) { pointer in
            var f = gsl_function(function: function, params: UnsafeMutableRawPointer(pointer))
            _ = gsl_integration_qags(&f, 0, 1 + 20 * sigma, 1e-12, 1e-10, 1000, workspace, &result, &error)
        }
        return result
    }

    /// With N(1, σ²) times the mean sync step is E[max of N draws]: 40 000 rounds of the clock
    /// against GSL's numerical integration (standard error ≈ 0.1 σ/√40000).
    @Test(arguments: [(8, 0.2), (32, 0.5)])
    func meanSyncStepIsTheExpectedMaximum(workers: Int, sigma: Double) throws {
        let times = ComputeTimeSource(workers: workers, model: .normal(sigma: sigma), heterogeneity: .none, seed: 5)
        var drawn = [Double](repeating: 0, count: workers)
        var dropped = [Bool](repeating: false, count: workers)
        let rounds = 40_000
        var total = 0.0
        for _ in 0..<rounds {
            for worker in 0..<workers { drawn[worker] = times.draw(worker: worker) }
            total += SynchronousClusterSource.round(drawn, kept: workers, dropped: &dropped).finish
        }
        let expected = Self.expectedMaximum(workers: workers, sigma: sigma)
        #expect(abs(total / Double(rounds) - expected) < 5 * 0.6 * sigma / Double(rounds).squareRoot())
    }

    @Test func backupRoundKeepsTheFastestAndCancelsTheRest() {
        var dropped = [Bool](repeating: false, count: 5)
        let (finish, busy) = SynchronousClusterSource.round([1.5, 0.7, 2.0, 1.1, 0.9], kept: 3, dropped: &dropped)
        #expect(dropped == [true, false, true, false, false])
        #expect(finish == 1.1)
        #expect(busy == 0.7 + 1.1 + 0.9 + 2 * 1.1)
    }

    @Test func algorithmTextRoundTrips() throws {
        for text in ["sync", "sync-backup:2", "async", "rennala:8", "ringmaster:4", "ringmaster:inf"] {
            #expect(Algorithm(text)?.description == text)
        }
        for bad in ["", "sync:1", "rennala", "rennala:0", "ringmaster:-1", "sync-backup:x", "fast"] {
            #expect(Algorithm(bad) == nil)
            #expect(throws: TrainingError.self) { try Algorithm(parsing: bad) }
        }
    }

    @Test func polynomialWeightingScalesByOnePlusTauToTheMinusA() throws {
        #expect(Remedies.StalenessScaling("poly:0.5") == .polynomial(a: 0.5))
        #expect(ParameterServer.scaled(0.1, staleness: 3, by: .polynomial(a: 0.5)) == 0.1 / 2)
        #expect(ParameterServer.scaled(0.1, staleness: 0, by: .polynomial(a: 2)) == 0.1)
        var remedies = Remedies()
        remedies.stalenessScaling = .polynomial(a: -1)
        #expect(throws: TrainingError.self) { try remedies.validate(epochs: 1) }
    }
}
