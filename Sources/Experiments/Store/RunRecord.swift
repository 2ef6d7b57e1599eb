import Foundation
import GRDB
import Training

/// One row of the `runs` table: a configuration, how its run ended and its headline numbers.
///
/// The key columns (optimizer, learning rate, …) repeat what `configuration` holds so the table
/// reads well in SQL and CSV; `configuration` (canonical JSON) is the truth.
public struct RunRecord: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    /// How a run ended.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Every epoch ran.
        case done
        /// The loss became NaN or infinite; epochs before it are stored.
        case diverged
        /// The run could not start or threw (the message is in `error`); nothing was measured.
        case failed
    }

    public static let databaseTableName = "runs"

    /// ``ConfigurationHash`` of the configuration; the primary key.
    public var hash: String
    /// The configuration's canonical JSON.
    public var configuration: String
    /// `TrainingConfiguration.runName`.
    public var runName: String
    /// sgd, adam, adagrad or rmsprop.
    public var optimizer: String
    /// The target learning rate.
    public var learningRate: Double
    /// Examples per mini-batch.
    public var batchSize: Int
    /// The delay model's short name: `sync`, `delay32`, `sampled-mean31.0`, `workers32`.
    public var delay: String
    /// Mean delay in server updates: D for a constant delay, the distribution's mean for sampled
    /// delays, N − 1 for N emulated workers, 0 for synchronous runs.
    public var delayMean: Double
    /// Active remedies joined by `+` (schedule included), `none` when there are none.
    public var remedies: String
    /// The seed (bit pattern of the configuration's UInt64).
    public var seed: Int64
    /// Epochs asked for.
    public var epochs: Int
    /// done, diverged or failed.
    public var status: Status
    /// Test accuracy after the last completed epoch, 0…1 (nil for failed runs).
    public var finalTestAccuracy: Double?
    /// Best test accuracy over the epochs, 0…1 (nil for failed runs).
    public var bestTestAccuracy: Double?
    /// For diverged runs, the 0-based global step whose loss was not finite.
    public var divergedStep: Int?
    /// Wall-clock seconds of the run.
    public var seconds: Double
    /// Why a failed run failed.
    public var error: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case hash = "config_hash", configuration = "config", runName = "run_name", optimizer
        case learningRate = "learning_rate", batchSize = "batch_size", delay, delayMean = "delay_mean"
        case remedies, seed, epochs, status, finalTestAccuracy = "final_test_accuracy"
        case bestTestAccuracy = "best_test_accuracy", divergedStep = "diverged_step", seconds, error
    }

    /// The row for `configuration` with the given outcome; the key columns come from the configuration.
    public init(configuration: TrainingConfiguration, status: Status, finalTestAccuracy: Double?,
                bestTestAccuracy: Double?, divergedStep: Int?, seconds: Double, error: String?) {
        hash = ConfigurationHash.of(configuration)
        self.configuration = ConfigurationHash.canonicalJSON(configuration)
        runName = configuration.runName
        optimizer = configuration.optimizer.kind.rawValue
        learningRate = configuration.learningRate
        batchSize = configuration.batchSize
        delay = configuration.delay.shortName
        delayMean = Self.meanDelay(configuration.delay)
        var parts = configuration.remedies.summary
        if configuration.schedule != .constant { parts.append("\(configuration.schedule)") }
        remedies = parts.isEmpty ? "none" : parts.joined(separator: "+")
        seed = Int64(bitPattern: configuration.seed)
        epochs = configuration.epochs
        self.status = status
        self.finalTestAccuracy = finalTestAccuracy
        self.bestTestAccuracy = bestTestAccuracy
        self.divergedStep = divergedStep
        self.seconds = seconds
        self.error = error
    }

    /// The row of a finished run.
    public init(result: TrainingResult) {
        var step: Int?
        if case let .diverged(s, _) = result.status { step = s }
        self.init(configuration: result.configuration, status: step == nil ? .done : .diverged,
                  finalTestAccuracy: result.finalTestAccuracy, bestTestAccuracy: result.bestTestAccuracy,
                  divergedStep: step, seconds: result.seconds, error: nil)
    }

    /// The row of a run that could not run.
    public init(configuration: TrainingConfiguration, failure: String, seconds: Double) {
        self.init(configuration: configuration, status: .failed, finalTestAccuracy: nil, bestTestAccuracy: nil,
                  divergedStep: nil, seconds: seconds, error: failure)
    }

    /// The configuration decoded from ``configuration``.
    /// - Throws: `DecodingError` when the JSON was written by an incompatible version.
    public func decodedConfiguration() throws -> TrainingConfiguration {
        try JSONDecoder().decode(TrainingConfiguration.self, from: Data(configuration.utf8))
    }

    /// The mean delay of a delay model (see ``delayMean``).
    public static func meanDelay(_ delay: DelaySpecification) -> Double {
        switch delay {
        case .none: 0
        case let .constant(d, _): Double(d)
        case let .sampled(distribution): distribution.mean
        case let .emulated(emulation): Double(emulation.workers - 1)
        }
    }

    /// Whether `other` holds the same measurements (status and accuracies; the time may differ).
    public func sameResult(as other: RunRecord) -> Bool {
        status == other.status && finalTestAccuracy == other.finalTestAccuracy
            && bestTestAccuracy == other.bestTestAccuracy && divergedStep == other.divergedStep
            && configuration == other.configuration
    }
}
