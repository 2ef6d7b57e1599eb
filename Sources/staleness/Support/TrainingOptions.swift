import ArgumentParser
import Foundation
import Training

/// The options that define one training run, shared by `train` and the commands that run training.
struct TrainingOptions: ParsableArguments {
    @OptionGroup var data: DataOptions

    @Option(help: "Server optimizer: sgd, adam, adagrad or rmsprop.")
    var optimizer: OptimizerKind = .sgd

    @Option(name: .customLong("lr"), help: "Learning rate (target of the schedule).")
    var learningRate: Double = 0.01

    @Option(help: "Momentum of SGD (default 0.9, the study's) or RMSProp (default 0).")
    var momentum: Double?

    @Flag(help: "Nesterov momentum (SGD).")
    var nesterov = false

    @Option(name: .customLong("weight-decay"), help: "L2 weight decay added to the gradient.")
    var weightDecay: Double = 0

    @Option(help: "Adam β1.")
    var beta1: Double = 0.9

    @Option(help: "Adam β2.")
    var beta2: Double = 0.999

    @Option(help: "Learning-rate schedule: constant, step:EVERY:FACTOR, gradual:EPOCHS, paper:EPOCHS or cosine.")
    var schedule: String = "constant"

    @Option(name: .customLong("batch"), help: "Mini-batch size, 1 … training-set size.")
    var batchSize: Int = 64

    @Option(help: "Epochs (passes over the training set).")
    var epochs: Int = 1

    @Option(help: "Seed for initialisation, shuffling and sampled delays.")
    var seed: UInt64 = 1

    @Option(help: "Cores to use (BLAS and the model's own parallel loops).")
    var threads: Int = 1

    @Option(name: .customLong("train-subset"), help: "Use only the first N training examples.")
    var trainSubset: Int?

    @Option(name: .customLong("test-subset"), help: "Use only the first N test examples.")
    var testSubset: Int?

    /// The configuration these options describe.
    /// - Throws: `ValidationError` for impossible values.
    func configuration() throws -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.dataset = data.dataset
        configuration.input = data.input
        let parsedSchedule: LearningRateSchedule
        do { parsedSchedule = try LearningRateSchedule(parsing: schedule) } catch {
            throw ValidationError("\(error)")
        }
        configuration.optimizer = OptimizerSettings(
            kind: optimizer, learningRate: learningRate, schedule: parsedSchedule, momentum: momentum,
            nesterov: nesterov, weightDecay: weightDecay, beta1: beta1, beta2: beta2)
        configuration.batchSize = batchSize
        configuration.epochs = epochs
        configuration.seed = seed
        configuration.threads = threads
        configuration.trainSubset = trainSubset
        configuration.testSubset = testSubset
        do {
            try configuration.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return configuration
    }

    func validate() throws {
        _ = try configuration()
    }
}

extension OptimizerKind: ExpressibleByArgument {}
