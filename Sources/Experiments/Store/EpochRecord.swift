import GRDB
import Training

/// One row of the `epochs` table: the metrics of one epoch of one run (epoch 0 = before training).
public struct EpochRecord: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "epochs"

    /// The run's ``RunRecord/hash``.
    public var runHash: String
    /// 0 before training, then 1, 2, …
    public var epoch: Int
    /// Mean training loss of the applied gradients (nil for epoch 0 or when none were applied).
    public var trainLoss: Double?
    /// Training accuracy of those gradients' batches, 0…1.
    public var trainAccuracy: Double?
    /// Mean test loss after the epoch (nil when it is not finite: SQLite has no NaN).
    public var testLoss: Double?
    /// Test accuracy after the epoch, 0…1.
    public var testAccuracy: Double
    /// The schedule's learning rate of the epoch.
    public var learningRate: Double?
    /// Updates applied during the epoch.
    public var updates: Int
    /// Wall-clock seconds of the epoch's training steps.
    public var seconds: Double
    /// Simulated cluster time at the end of the epoch (emulated clusters only; see ``ClockReading``).
    public var simulatedTime: Double?
    /// Gradients the workers started during the epoch.
    public var gradientsComputed: Int?
    /// Gradients that went into updates.
    public var gradientsApplied: Int?
    /// Gradients dropped by the algorithm.
    public var gradientsDiscarded: Int?
    /// Fraction of the workers' time spent not computing.
    public var idleFraction: Double?
    /// Mean staleness of the applied gradients.
    public var meanStaleness: Double?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case runHash = "config_hash", epoch, trainLoss = "train_loss", trainAccuracy = "train_accuracy"
        case testLoss = "test_loss", testAccuracy = "test_accuracy", learningRate = "learning_rate", updates, seconds
        case simulatedTime = "simulated_time", gradientsComputed = "gradients_computed"
        case gradientsApplied = "gradients_applied", gradientsDiscarded = "gradients_discarded"
        case idleFraction = "idle_fraction", meanStaleness = "mean_staleness"
    }

    /// The row for `metrics` of the run `runHash`.
    public init(runHash: String, metrics: EpochMetrics) {
        self.runHash = runHash
        epoch = metrics.epoch
        trainLoss = metrics.trainLoss.flatMap { $0.isFinite ? $0 : nil }
        trainAccuracy = metrics.trainAccuracy
        testLoss = metrics.testLoss.isFinite ? metrics.testLoss : nil
        testAccuracy = metrics.testAccuracy
        learningRate = metrics.learningRate
        updates = metrics.updates
        seconds = metrics.seconds
        simulatedTime = metrics.clock?.time
        gradientsComputed = metrics.clock?.computed
        gradientsApplied = metrics.clock?.applied
        gradientsDiscarded = metrics.clock?.discarded
        idleFraction = metrics.clock?.idleFraction
        meanStaleness = metrics.clock?.meanStaleness
    }

    /// Whether `other` has the same measurements (the time may differ).
    func sameMeasurements(as other: EpochRecord) -> Bool {
        runHash == other.runHash && epoch == other.epoch && trainLoss == other.trainLoss
            && trainAccuracy == other.trainAccuracy && testLoss == other.testLoss
            && testAccuracy == other.testAccuracy && learningRate == other.learningRate && updates == other.updates
            && simulatedTime == other.simulatedTime && gradientsComputed == other.gradientsComputed
            && gradientsApplied == other.gradientsApplied && gradientsDiscarded == other.gradientsDiscarded
            && idleFraction == other.idleFraction && meanStaleness == other.meanStaleness
    }
}
