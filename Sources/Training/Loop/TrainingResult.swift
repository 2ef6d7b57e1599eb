/// The outcome of a training run: its configuration, per-epoch metrics and how it ended.
public struct TrainingResult: Codable, Hashable, Sendable {
    /// The configuration that produced this result.
    public var configuration: TrainingConfiguration
    /// Metrics for epoch 0 (before training) and every completed epoch.
    public var epochs: [EpochMetrics]
    /// Whether the run completed or diverged.
    public var status: RunStatus
    /// Wall-clock seconds of the whole run, evaluation included.
    public var seconds: Double
    /// Bytes held for delayed gradients or parameter snapshots (0 for synchronous training).
    public var delayBufferBytes: Int

    /// Test accuracy after the last completed epoch.
    public var finalTestAccuracy: Double { epochs.last?.testAccuracy ?? 0 }
    /// The best test accuracy over all epochs (epoch 0 included).
    public var bestTestAccuracy: Double { epochs.map(\.testAccuracy).max() ?? 0 }
}
