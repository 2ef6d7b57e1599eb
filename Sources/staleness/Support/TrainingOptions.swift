import ArgumentParser
import Experiments
import Foundation
import Training

/// The options that define one training run, shared by `train` and the commands that run training;
/// parsed by the library's ``ConfigurationBuilder`` exactly as the same `sweep` values.
struct TrainingOptions: ParsableArguments {
    /// The library's default configuration, the source of every default below.
    static let defaults = TrainingConfiguration()

    @OptionGroup var data: DataOptions

    @Option(help: "Server optimizer: sgd, adam, adagrad or rmsprop.")
    var optimizer: OptimizerKind = Self.defaults.optimizer.kind

    @Option(name: .customLong("lr"), help: "Learning rate (target of the schedule).")
    var learningRate: Double = Self.defaults.learningRate

    @Option(help: "Momentum of SGD (default 0.9, the study's) or RMSProp (default 0).")
    var momentum: Double?

    @Flag(help: "Nesterov momentum (SGD).")
    var nesterov = Self.defaults.optimizer.nesterov

    @Option(name: .customLong("weight-decay"), help: "L2 weight decay added to the gradient.")
    var weightDecay: Double = Self.defaults.optimizer.weightDecay

    @Option(help: "Adam β1.")
    var beta1: Double = Self.defaults.optimizer.beta1

    @Option(help: "Adam β2.")
    var beta2: Double = Self.defaults.optimizer.beta2

    @Option(help: "Learning-rate schedule: \(LearningRateSchedule.syntax).")
    var schedule: String = "\(Self.defaults.schedule)"

    @Option(name: .customLong("batch"), help: "Mini-batch size, 1 … training-set size.")
    var batchSize: Int = Self.defaults.batchSize

    @Option(help: "Epochs (passes over the training set).")
    var epochs: Int = Self.defaults.epochs

    @Option(help: "Seed for initialisation, shuffling and sampled delays.")
    var seed: UInt64 = Self.defaults.seed

    @Option(help: "Cores to use (BLAS and the model's own parallel loops).")
    var threads: Int = Self.defaults.threads

    @Option(name: .customLong("train-subset"), help: "Use only the first N training examples.")
    var trainSubset: Int?

    @Option(name: .customLong("test-subset"), help: "Use only the first N test examples.")
    var testSubset: Int?

    /// These options as one point of a sweep grid (every value as `sweep` would take it); left-out
    /// options are absent and take the library's defaults.
    var point: [SweepParameter: String] {
        var point: [SweepParameter: String] = [
            .dataset: data.dataset.rawValue, .input: data.input.rawValue, .optimizer: optimizer.rawValue,
            .lr: "\(learningRate)", .nesterov: "\(nesterov)", .weightDecay: "\(weightDecay)",
            .beta1: "\(beta1)", .beta2: "\(beta2)", .schedule: schedule, .batch: "\(batchSize)",
            .epochs: "\(epochs)", .seed: "\(seed)", .threads: "\(threads)",
        ]
        point[.momentum] = momentum.map { "\($0)" }
        point[.trainSubset] = trainSubset.map { "\($0)" }
        point[.testSubset] = testSubset.map { "\($0)" }
        return point
    }
}

extension OptimizerKind: ExpressibleByArgument {}
