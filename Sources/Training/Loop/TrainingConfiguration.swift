import Foundation

/// Everything that determines a training run. Two runs with equal configurations (and the same data
/// files) produce bit-identical metrics.
public struct TrainingConfiguration: Codable, Hashable, Sendable {
    /// Which dataset to train on.
    public var dataset: DatasetName = .mnist
    /// How 28×28 images become the network's 32×32 input.
    public var input: InputPipeline = .normalized
    /// The server-side optimizer, its learning rate, schedule and hyper-parameters.
    public var optimizer = OptimizerSettings()
    /// Examples per mini-batch, 1 … training-set size.
    public var batchSize: Int = 64
    /// Passes over the training set.
    public var epochs: Int = 1
    /// Seed for initialisation, shuffling and every sampled delay.
    public var seed: UInt64 = 1
    /// Cores the run uses (BLAS and the model's own parallel loops).
    public var threads: Int = 1
    /// Use only the first N training examples (nil: all).
    public var trainSubset: Int?
    /// Use only the first N test examples (nil: all).
    public var testSubset: Int?
    /// The delay model: synchronous, constant, sampled or emulated workers.
    public var delay: DelaySpecification = .none
    /// Mitigations of staleness.
    public var remedies = Remedies()

    /// A configuration with the defaults above.
    public init() {}

    /// The target learning rate (the schedule scales it per epoch); stored in ``optimizer``.
    public var learningRate: Double {
        get { optimizer.learningRate }
        set { optimizer.learningRate = newValue }
    }

    /// How the learning rate moves over epochs; stored in ``optimizer``.
    public var schedule: LearningRateSchedule {
        get { optimizer.schedule }
        set { optimizer.schedule = newValue }
    }

    /// The most epochs a run may ask for.
    public static let maximumEpochs = 1_000_000
    /// The most threads a run may ask for (each gets its own workspace).
    public static let maximumThreads = 1024

    /// Checks the values that do not depend on the data.
    /// - Throws: `TrainingError.invalidConfiguration` with a message naming the bad value.
    public func validate() throws(TrainingError) {
        func fail(_ message: String) -> TrainingError { .invalidConfiguration(message) }
        guard batchSize >= 1 else { throw fail("batch size must be at least 1, got \(batchSize)") }
        guard epochs >= 1 else { throw fail("epochs must be at least 1, got \(epochs)") }
        // Epochs × steps per epoch counts the run's steps, so an absurd count is refused, not overflowed.
        guard epochs <= Self.maximumEpochs else { throw fail("epochs must be at most \(Self.maximumEpochs), got \(epochs)") }
        guard threads >= 1 else { throw fail("threads must be at least 1, got \(threads)") }
        guard threads <= Self.maximumThreads else { throw fail("threads must be at most \(Self.maximumThreads), got \(threads)") }
        if let trainSubset, trainSubset < 1 { throw fail("--train-subset must be at least 1, got \(trainSubset)") }
        if let testSubset, testSubset < 1 { throw fail("--test-subset must be at least 1, got \(testSubset)") }
        do { try optimizer.validate() } catch { throw fail("\(error)") }
        if case let .constant(delay, _) = delay {
            guard delay >= 0 else { throw fail("delay must be ≥ 0, got \(delay)") }
            guard delay <= DelayDistribution.maximumSupportedDelay else {
                throw fail("delay \(delay) exceeds the supported maximum \(DelayDistribution.maximumSupportedDelay)")
            }
        }
        try remedies.validate(epochs: epochs)
        switch schedule {
        case let .gradual(warmup), let .paper(warmup):
            guard warmup <= epochs else {
                throw fail("the learning-rate warm-up (\(warmup) epochs) is longer than the run (\(epochs) epochs)")
            }
        default: break
        }
    }

    /// A readable name for the run, used for its output directory: optimizer, learning rate, batch,
    /// delay model, remedies and seed, e.g. `sgd-lr0.01-b64-delay32-s1`.
    public var runName: String {
        var parts = [optimizer.kind.rawValue, "lr\(learningRate)", "b\(batchSize)", delay.shortName]
        parts += remedies.summary
        if schedule != .constant { parts.append("\(schedule)") }
        parts.append("s\(seed)")
        return parts.joined(separator: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: " ", with: "")
    }

    /// Checks the batch size against the training-set size.
    public func validate(trainingCount: Int) throws(TrainingError) {
        guard batchSize <= trainingCount else {
            throw .invalidConfiguration(
                "batch size \(batchSize) is larger than the training set (\(trainingCount) examples)")
        }
    }
}
