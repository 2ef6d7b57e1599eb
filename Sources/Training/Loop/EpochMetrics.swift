/// What one epoch of training measured. Epoch 0 is the evaluation before any training, as the
/// study reported it; it has no training loss, accuracy or learning rate.
public struct EpochMetrics: Codable, Hashable, Sendable {
    /// 0 before training, then 1, 2, …
    public var epoch: Int
    /// Mean loss of the gradients the server applied during the epoch (nil when none were applied).
    public var trainLoss: Double?
    /// Fraction of correctly classified examples among those gradients' batches.
    public var trainAccuracy: Double?
    /// Mean negative log-likelihood on the test set after the epoch.
    public var testLoss: Double
    /// Fraction of the test set classified correctly after the epoch, 0…1.
    public var testAccuracy: Double
    /// The learning rate the schedule gave this epoch (before any per-update scaling).
    public var learningRate: Double?
    /// Updates the server applied during the epoch.
    public var updates: Int
    /// Wall-clock seconds of the epoch's training steps (evaluation excluded).
    public var seconds: Double
    /// The simulated cluster's clock (emulated workers with simulated times only).
    public var clock: ClockReading?

    /// The CSV column names, matching ``csvFields``.
    public static let csvHeader = [
        "epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "learning_rate", "updates",
        "seconds", "simulated_time", "gradients_computed", "gradients_applied", "gradients_discarded",
        "idle_fraction", "mean_staleness",
    ]

    /// The metrics as CSV fields (empty where a value does not exist).
    public var csvFields: [String] {
        func text(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
        func count(_ value: Int?) -> String { value.map { "\($0)" } ?? "" }
        return [
            "\(epoch)", text(trainLoss), text(trainAccuracy), "\(testLoss)", "\(testAccuracy)",
            text(learningRate), "\(updates)", "\(seconds)", text(clock?.time), count(clock?.computed),
            count(clock?.applied), count(clock?.discarded), text(clock?.idleFraction), text(clock?.meanStaleness),
        ]
    }
}
