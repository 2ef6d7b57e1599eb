/// The final summary of a training run, as written to `summary.json` and printed by `train --json`.
public struct TrainingRunSummary: Codable, Hashable, Sendable {
    /// The configuration that ran.
    public var configuration: TrainingConfiguration
    /// `completed` or `diverged`.
    public var status: String
    /// For a diverged run, the 0-based global step whose loss was not finite.
    public var divergedAtStep: Int?
    /// Test accuracy before training (index 0) and after each completed epoch.
    public var testAccuracy: [Double]
    /// Test accuracy after the last completed epoch.
    public var finalTestAccuracy: Double
    /// Best test accuracy over the epochs.
    public var bestTestAccuracy: Double
    /// Wall-clock seconds of the run.
    public var seconds: Double
    /// Bytes held for delayed gradients or parameter snapshots.
    public var delayBufferBytes: Int

    /// Summarises `result`.
    public init(_ result: TrainingResult) {
        configuration = result.configuration
        status = result.status.name
        if case let .diverged(step, _) = result.status { divergedAtStep = step }
        testAccuracy = result.epochs.map(\.testAccuracy)
        finalTestAccuracy = result.finalTestAccuracy
        bestTestAccuracy = result.bestTestAccuracy
        seconds = result.seconds
        delayBufferBytes = result.delayBufferBytes
    }
}
