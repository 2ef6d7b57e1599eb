import Training

/// A stored run with its configuration decoded and its epoch curve attached: the unit that figures
/// and the report work on.
public struct AnalyzedRun: Sendable {
    /// The stored row.
    public var record: RunRecord
    /// The decoded configuration.
    public var configuration: TrainingConfiguration
    /// Test accuracy (0…1) by epoch, epoch 0 first.
    public var testAccuracy: [Double]

    /// sgd, adam, …
    public var optimizer: String { record.optimizer }
    /// The target learning rate (from the stored key column, which does not depend on how a
    /// version of the configuration's JSON is decoded).
    public var learningRate: Double { record.learningRate }
    /// The batch size (from the stored key column).
    public var batchSize: Int { record.batchSize }
    /// Mean delay (0 for synchronous runs and constant delay 0).
    public var delayMean: Double { record.delayMean }
    /// Final test accuracy in percent (nil for failed runs).
    public var finalPercent: Double? { record.finalTestAccuracy.map { 100 * $0 } }

    /// Whether the run belongs to the study's grid: constant (or no) delay, no remedy, constant
    /// schedule.
    public var isPlainConstantDelay: Bool {
        switch configuration.delay {
        case .none, .constant: break
        case .sampled, .emulated: return false
        }
        return configuration.remedies == Remedies() && configuration.schedule == .constant
    }

    /// The constant delay (0 for synchronous runs), nil for other delay models.
    public var constantDelay: Int? {
        switch configuration.delay {
        case .none: 0
        case let .constant(d, _): d
        case .sampled, .emulated: nil
        }
    }

    /// The runs of `snapshot` that were measured (failed runs and undecodable configurations left out).
    public static func all(_ snapshot: StoreSnapshot) -> [AnalyzedRun] {
        let curves = Dictionary(grouping: snapshot.epochs, by: \.runHash)
        return snapshot.runs.compactMap { record in
            guard record.status != .failed, let configuration = try? record.decodedConfiguration() else { return nil }
            let accuracy = (curves[record.hash] ?? []).sorted { $0.epoch < $1.epoch }.map(\.testAccuracy)
            return AnalyzedRun(record: record, configuration: configuration, testAccuracy: accuracy)
        }
    }
}
