import StalenessSimulation
import Testing
@testable import Training

/// The equivalences the README's delay semantics promise, checked bit for bit.
@Suite struct DelayModelTests {
    static func configuration(_ delay: DelaySpecification, epochs: Int = 2) -> TrainingConfiguration {
        var configuration = SyntheticData.configuration(epochs: epochs)
        configuration.delay = delay
        return configuration
    }

    @Test func delayZeroIsSynchronousTraining() throws {
        let sync = try SyntheticData.run(Self.configuration(.none))
        let delayed = try SyntheticData.run(Self.configuration(.constant(delay: 0, flushAtEnd: false)))
        #expect(sync.parameters == delayed.parameters)
        #expect(Self.untimed(sync.result) == Self.untimed(delayed.result))
    }

    /// Epoch metrics without the wall-clock seconds, which no two runs share.
    static func untimed(_ result: TrainingResult) -> [EpochMetrics] {
        result.epochs.map { var metrics = $0; metrics.seconds = 0; return metrics }
    }

    @Test(arguments: [1, 5, 17])
    func constantDelayEqualsOnePointSampledDelay(delay: Int) throws {
        let constant = try SyntheticData.run(Self.configuration(.constant(delay: delay, flushAtEnd: false)))
        let sampled = try SyntheticData.run(Self.configuration(.sampled(.constant(delay))))
        #expect(constant.parameters == sampled.parameters)
        #expect(constant.result.epochs.map(\.testLoss) == sampled.result.epochs.map(\.testLoss))
        #expect(constant.result.epochs.map(\.trainLoss) == sampled.result.epochs.map(\.trainLoss))
        #expect(constant.result.epochs.map(\.updates) == sampled.result.epochs.map(\.updates))
    }

    @Test func nothingIsAppliedDuringTheFirstDelaySteps() throws {
        var steps: [Int] = []
        _ = try SyntheticData.run(Self.configuration(.constant(delay: 7, flushAtEnd: false)),
                                  updates: { steps.append($0.step) })
        #expect(steps.first == 7)
        #expect(steps.count == 2 * 20 - 7)
    }

    @Test func flushAppliesWhatIsStillQueued() throws {
        var records: [UpdateRecord] = []
        _ = try SyntheticData.run(Self.configuration(.constant(delay: 7, flushAtEnd: true)),
                                  updates: { records.append($0) })
        #expect(records.count == 2 * 20)
        // Staleness counts server updates since the read: the first seven gradients were all read
        // before any update, so update k has staleness min(k, 7), the flushed ones included.
        #expect(records.map(\.staleness) == records.indices.map { min($0, 7) })
    }

    /// Delays up to 1024 steps fit in the preallocated rings; with a run of 40 steps every gradient is
    /// still queued at the end, and the flush applies all 40 on the initial parameters.
    @Test func delayOf1024IsSupported() throws {
        var records: [UpdateRecord] = []
        let trainer = try Trainer(configuration: Self.configuration(.constant(delay: 1024, flushAtEnd: true)),
                                  train: SyntheticData.train, test: SyntheticData.test)
        #expect(trainer.delayBufferBytes == 1025 * LeNet5.parameterCount * MemoryLayout<Float>.size)
        let result = try trainer.run(onUpdate: { records.append($0) })
        #expect(result.epochs[1].updates == 0)
        #expect(records.map(\.staleness) == Array(0..<40))
    }

    /// With σ = 0 the workers stay in lockstep: update k is computed on the parameters after
    /// k − (N − 1) updates, exactly what constant delay N − 1 applies; with the queue flushed both runs
    /// apply the same 40 updates in the same order.
    @Test(arguments: [2, 4])
    func emulationWithoutSpreadIsConstantDelay(workers: Int) throws {
        let emulation = try WorkerEmulation(
            workers: workers, order: .simulated(model: .normal(sigma: 0), heterogeneity: .none, seed: 5))
        let emulated = try SyntheticData.run(Self.configuration(.emulated(emulation)))
        let constant = try SyntheticData.run(Self.configuration(.constant(delay: workers - 1, flushAtEnd: true)))
        #expect(emulated.parameters == constant.parameters)
    }

    /// The emulation counts staleness itself; for the same seed it must see exactly the arrivals the
    /// simulator reports.
    @Test(arguments: [(3, 0.2), (8, 0.5)])
    func emulatedStalenessMatchesTheSimulator(workers: Int, sigma: Double) throws {
        let emulation = try WorkerEmulation(
            workers: workers, order: .simulated(model: .normal(sigma: sigma), heterogeneity: .none, seed: 11))
        var realised: [UpdateRecord] = []
        _ = try SyntheticData.run(Self.configuration(.emulated(emulation)), updates: { realised.append($0) })
        struct Recorder: ArrivalObserver {
            var arrivals: [(worker: Int, staleness: Int)] = []
            mutating func record(arrival: Int, worker: Int, staleness: Int) {
                arrivals.append((worker, staleness))
            }
        }
        var recorder = Recorder()
        let simulation = try SimulationConfiguration(
            workers: workers, model: .normal(sigma: sigma), gradients: realised.count, warmupPerWorker: 0, seed: 11)
        _ = StalenessSimulator.run(simulation, observer: &recorder)
        #expect(realised.map(\.worker) == recorder.arrivals.map(\.worker))
        #expect(realised.map(\.staleness) == recorder.arrivals.map(\.staleness))
    }

    /// With the worker ramp, only worker 0 submits at first (so its gradients are fresh) and all
    /// workers take part by the end.
    @Test func workerRampStartsWithOneWorker() throws {
        let emulation = try WorkerEmulation(
            workers: 6, order: .simulated(model: .normal(sigma: 0.2), heterogeneity: .none, seed: 5))
        var configuration = Self.configuration(.emulated(emulation), epochs: 2)
        configuration.remedies.rampEpochs = 1
        var records: [UpdateRecord] = []
        _ = try SyntheticData.run(configuration, updates: { records.append($0) })
        #expect(records.count == 40)
        #expect(records.prefix(2).allSatisfy { $0.worker == 0 && $0.staleness == 0 })
        #expect(Set(records.suffix(20).map(\.worker)) == Set(0..<6))
    }

    @Test func zeroCompensationIsPlainDelayedSGD() throws {
        let plain = try SyntheticData.run(Self.configuration(.constant(delay: 4, flushAtEnd: false)))
        var compensated = Self.configuration(.constant(delay: 4, flushAtEnd: false))
        compensated.remedies.compensation = .constant(lambda: 0)
        #expect(try SyntheticData.run(compensated).parameters == plain.parameters)
    }

    @Test func rampGrowsTheDelayFromZero() throws {
        var configuration = Self.configuration(.constant(delay: 8, flushAtEnd: false), epochs: 2)
        configuration.remedies.rampEpochs = 1
        var records: [UpdateRecord] = []
        _ = try SyntheticData.run(configuration, updates: { records.append($0) })
        #expect(records.first?.staleness == 0)
        #expect(records.last?.staleness == 8)
        #expect(zip(records, records.dropFirst()).allSatisfy { $1.staleness >= $0.staleness })
    }

    @Test func badCombinationsAreRejected() {
        var negative = Self.configuration(.constant(delay: -1, flushAtEnd: false))
        #expect(throws: TrainingError.self) { try negative.validate() }
        negative.delay = .none
        negative.remedies.compensation = .constant(lambda: -0.1)
        #expect(throws: TrainingError.self) { try negative.validate() }
        var ramp = Self.configuration(.constant(delay: 4, flushAtEnd: false), epochs: 2)
        ramp.remedies.rampEpochs = 3
        #expect(throws: TrainingError.self) { try ramp.validate() }
        var warmup = Self.configuration(.constant(delay: 4, flushAtEnd: false), epochs: 2)
        warmup.schedule = .paper(warmupEpochs: 5)
        #expect(throws: TrainingError.self) { try warmup.validate() }
        #expect(throws: TrainingError.self) { try DelayDistribution(weights: [0, -1], label: "x") }
        #expect(throws: TrainingError.self) { try WorkerEmulation(workers: 0, order: .recorded(trace: TraceReference(path: "t", digest: "", submissions: 0, workers: 0))) }
    }
}
