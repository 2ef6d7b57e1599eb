import Foundation
import GSLRandom
import StalenessSimulation

/// Trains LeNet-5 with one configuration: seeded initialisation, seeded shuffling, any delay model
/// and remedies, evaluation on the test set before the first epoch and after every epoch.
///
/// Parameters, gradients, delay buffers and optimizer state are allocated once; a training step
/// allocates nothing.
public final class Trainer {
    /// The run's configuration (validated).
    public let configuration: TrainingConfiguration
    /// Steps in one epoch: one pass over the training set, the last batch partial if need be.
    public let stepsPerEpoch: Int

    private let parameterBuffer: FloatBuffer
    private let test: Dataset
    private let model: LeNet5
    private let source: any GradientSource
    private let server: ParameterServer

    /// Prepares a run on `train` and `test` (already cut to any subsets).
    /// - Throws: `TrainingError.invalidConfiguration` for impossible settings, or delay buffers that
    ///   exceed the ``MemoryBudget``.
    public init(configuration: TrainingConfiguration, train: Dataset, test: Dataset) throws(TrainingError) {
        try configuration.validate()
        try configuration.validate(trainingCount: train.count)
        do { try configuration.checkMemory(MemoryBudget.current()) } catch let error as TrainingError {
            throw error
        } catch {
            throw .invalidConfiguration("\(error)")
        }
        self.configuration = configuration
        self.test = test
        let count = LeNet5.parameterCount
        parameterBuffer = FloatBuffer(LeNet5.initialParameters(generator: RandomGenerator(seed: configuration.seed)))
        // Evaluation runs in chunks of the workspace size; a larger one keeps small-batch runs fast.
        model = LeNet5(maxBatch: max(configuration.batchSize, 256), threads: configuration.threads)
        let stream = BatchStream(dataset: train, batchSize: configuration.batchSize,
                                 seed: configuration.seed &+ 0x5EED)
        let remedies = configuration.remedies
        let perUpdate: Int
        if case let .emulated(emulation) = configuration.delay {
            perUpdate = emulation.resolvedAlgorithm.gradientsPerUpdate(workers: emulation.workers)
        } else {
            perUpdate = 1
        }
        // An epoch is one pass of applied gradients over the data, however many make one update.
        stepsPerEpoch = (stream.batchesPerPass + perUpdate - 1) / perUpdate
        let computer = GradientComputer(model: model, stream: stream)
        switch configuration.delay {
        case .none:
            source = SynchronousSource(computer: computer, parameterCount: count)
        case let .constant(delay, flush):
            source = ConstantDelaySource(computer: computer, parameterCount: count, delay: delay,
                                         flushAtEnd: flush, keepParameters: remedies.needsStaleParameters)
        case let .sampled(distribution):
            source = SampledDelaySource(computer: computer, parameterCount: count, distribution: distribution,
                                        seed: configuration.seed &+ 0xDE1A)
        case let .emulated(emulation):
            if case .simulated = emulation.order, remedies.rampEpochs == 0 {
                source = try Self.clusterSource(emulation, computer: computer, parameterCount: count,
                                                updates: stepsPerEpoch * configuration.epochs)
            } else {
                guard emulation.resolvedAlgorithm == .async else {
                    throw .invalidConfiguration(
                        "--ramp-epochs grows asynchronous workers only; drop it for --algorithm \(emulation.resolvedAlgorithm)")
                }
                let order = try Self.submissionSequence(
                    emulation, updates: stepsPerEpoch * configuration.epochs, ramps: remedies.rampEpochs > 0)
                source = EmulatedWorkersSource(computer: computer, parameterCount: count, order: order,
                                               rampsWorkers: remedies.rampEpochs > 0)
            }
        }
        server = ParameterServer(optimizer: configuration.optimizer.makeOptimizer(parameterCount: count),
                                 remedies: remedies, parameterCount: count)
    }

    /// The clocked source of a simulated emulation: compute times drawn per step for the synchronous
    /// algorithms, the simulator's arrivals (with two communication times per gradient) for the others.
    private static func clusterSource(_ emulation: WorkerEmulation, computer: GradientComputer, parameterCount: Int,
                                      updates: Int) throws(TrainingError) -> any GradientSource {
        guard case let .simulated(timeModel, heterogeneity, seed) = emulation.order else {
            preconditionFailure("only a simulated order has a clock")
        }
        let workers = emulation.workers
        let communication = emulation.communicationTime ?? 0
        let algorithm = emulation.resolvedAlgorithm
        let rule: AsynchronousClusterSource.Rule
        switch algorithm {
        case .sync, .syncBackup:
            var backups = 0
            if case let .syncBackup(k) = algorithm { backups = k }
            let times = ComputeTimeSource(workers: workers + backups, model: timeModel, heterogeneity: heterogeneity,
                                          seed: seed)
            return SynchronousClusterSource(computer: computer, parameterCount: parameterCount, workers: workers,
                                            backups: backups, times: times, communicationTime: communication)
        case .async: rule = .async(maxStaleness: nil)
        case let .ringmaster(r): rule = .async(maxStaleness: r)
        case let .rennala(b): rule = .rennala(batches: b)
        }
        func simulate(_ arrivals: Int) -> (workers: [Int32], times: [Double]) {
            // Valid by construction: workers ≥ 1 and arrivals ≥ 1 were checked above.
            var simulation = try! SimulationConfiguration(
                workers: workers, model: timeModel, heterogeneity: heterogeneity, gradients: arrivals,
                warmupPerWorker: 0, seed: seed)
            simulation.cycleOverhead = 2 * communication
            var recorder = WorkerSequenceRecorder(capacity: arrivals)
            _ = StalenessSimulator.run(simulation, observer: &recorder)
            // The simulator's clock counts a download before every compute; the server sees the
            // gradient one upload after the compute ends, one download before the worker's clock.
            return (recorder.workers, communication == 0 ? recorder.times : recorder.times.map { $0 - communication })
        }
        let expected = updates * algorithm.gradientsPerUpdate(workers: workers) + workers
        let arrivals = ArrivalStream(initialLength: algorithm == .async ? expected : 2 * expected, extend: simulate)
        return AsynchronousClusterSource(computer: computer, parameterCount: parameterCount, workers: workers,
                                         rule: rule, arrivals: arrivals, communicationTime: communication)
    }

    /// The submission order of an emulation without a clock: the simulator's arrivals (no warm-up: every worker starts
    /// at the initial parameters), extended by rerunning the simulation longer if a worker ramp skips
    /// more arrivals than expected, or a trace's arrivals, which must cover every update.
    private static func submissionSequence(_ emulation: WorkerEmulation, updates: Int, ramps: Bool)
        throws(TrainingError) -> SubmissionSequence
    {
        let workers = emulation.workers
        switch emulation.order {
        case let .simulated(timeModel, heterogeneity, seed):
            func simulate(_ arrivals: Int) -> [Int32] {
                // Valid by construction: workers ≥ 1 and arrivals ≥ 1 were checked above.
                let simulation = try! SimulationConfiguration(
                    workers: workers, model: timeModel, heterogeneity: heterogeneity, gradients: arrivals,
                    warmupPerWorker: 0, seed: seed)
                var recorder = WorkerSequenceRecorder(capacity: arrivals)
                _ = StalenessSimulator.run(simulation, observer: &recorder)
                return recorder.workers
            }
            return SubmissionSequence(workers: workers, sequence: simulate(updates + workers), extend: simulate)
        case let .recorded(reference):
            guard !ramps else {
                throw .invalidConfiguration("a trace fixes its workers: --ramp-epochs cannot be combined with --trace")
            }
            guard reference.submissions >= updates else {
                throw .invalidConfiguration(
                    "trace \(reference.path) has \(reference.submissions) submissions; the run needs \(updates) "
                        + "(simulate more gradients or train fewer epochs)")
            }
            return SubmissionSequence(workers: workers, sequence: try TraceFile(reference: reference).workerIDs)
        }
    }

    /// A copy of the current parameters, in ``LeNet5/layout`` order.
    public var parameters: [Float] { parameterBuffer.array }

    /// Bytes the delay model holds for delayed gradients or parameter snapshots.
    public var delayBufferBytes: Int { source.bufferBytes }

    /// Runs every epoch, calling `onEpoch` after each (epoch 0 first), `onUpdate` for every applied
    /// update and `onStep` after every step.
    ///
    /// A loss that becomes NaN or infinite stops the run with status `.diverged`; the metrics of the
    /// epochs before it are kept. Errors thrown by `onEpoch` stop the run and propagate.
    public func run(
        onEpoch: (EpochMetrics) throws -> Void = { _ in },
        onUpdate: (UpdateRecord) -> Void = { _ in },
        onStep: (_ step: Int, _ totalSteps: Int) -> Void = { _, _ in }
    ) rethrows -> TrainingResult {
        let start = Date()
        var history: [EpochMetrics] = []
        var initial = evaluate(epoch: 0, train: nil, learningRate: nil, updates: 0, seconds: 0)
        if source.endEpoch() != nil { initial.clock = .start }
        history.append(initial)
        try onEpoch(initial)
        let epochs = configuration.epochs
        let totalSteps = stepsPerEpoch * epochs
        let rampSteps = configuration.remedies.rampEpochs * stepsPerEpoch
        var step = 0
        var updates = 0
        func finished(_ status: RunStatus) -> TrainingResult {
            TrainingResult(configuration: configuration, epochs: history, status: status,
                           seconds: Date().timeIntervalSince(start), delayBufferBytes: source.bufferBytes)
        }
        for epoch in 1...epochs {
            let rate = configuration.schedule.rate(target: configuration.learningRate, epoch: epoch - 1,
                                                   totalEpochs: epochs)
            let epochStart = Date()
            var trained = BatchOutcome(lossSum: 0, correct: 0, count: 0)
            var epochUpdates = 0
            func apply(_ update: PendingUpdate) -> Bool {
                guard update.outcome.lossSum.isFinite else { return false }
                server.apply(update, to: parameterBuffer, learningRate: rate)
                source.didApply(parameters: parameterBuffer)
                onUpdate(UpdateRecord(update: updates, step: step, worker: update.worker, staleness: update.staleness))
                trained.lossSum += update.outcome.lossSum
                trained.correct += update.outcome.correct
                trained.count += update.outcome.count
                updates += 1
                epochUpdates += 1
                return true
            }
            for _ in 0..<stepsPerEpoch {
                let progress = rampSteps == 0 ? 1 : min(1, Double(step) / Double(rampSteps))
                if let update = source.next(step: step, progress: progress, parameters: parameterBuffer) {
                    guard apply(update) else { return finished(.diverged(step: step, epoch: epoch)) }
                }
                step += 1
                onStep(step, totalSteps)
            }
            if epoch == epochs {
                for update in source.drain() {
                    guard apply(update) else { return finished(.diverged(step: step, epoch: epoch)) }
                }
            }
            var metrics = evaluate(epoch: epoch, train: trained, learningRate: rate, updates: epochUpdates,
                                   seconds: Date().timeIntervalSince(epochStart))
            metrics.clock = source.endEpoch()
            history.append(metrics)
            try onEpoch(metrics)
        }
        return finished(.completed)
    }

    private func evaluate(epoch: Int, train: BatchOutcome?, learningRate: Double?, updates: Int,
                          seconds: Double) -> EpochMetrics {
        let outcome = test.images.withUnsafeBufferPointer { images in
            test.labels.withUnsafeBufferPointer { labels in
                model.evaluate(parameters: parameterBuffer.readable, images: images, labels: labels,
                               count: test.count)
            }
        }
        let trained = train.flatMap { $0.count > 0 ? $0 : nil }
        return EpochMetrics(
            epoch: epoch,
            trainLoss: trained.map { $0.lossSum / Double($0.count) },
            trainAccuracy: trained.map { Double($0.correct) / Double($0.count) },
            testLoss: outcome.lossSum / Double(max(outcome.count, 1)),
            testAccuracy: Double(outcome.correct) / Double(max(outcome.count, 1)),
            learningRate: learningRate, updates: updates, seconds: seconds)
    }
}
