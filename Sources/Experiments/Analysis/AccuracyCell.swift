/// The mean final test accuracy (percent) of the runs sharing optimizer, batch, learning rate and
/// constant delay (seeds averaged): one point of the accuracy-vs-learning-rate curves.
public struct AccuracyCell: Hashable, Sendable {
    /// sgd, adam, …
    public var optimizer: String
    /// Batch size.
    public var batchSize: Int
    /// Learning rate.
    public var learningRate: Double
    /// Constant delay (0 = synchronous).
    public var delay: Int
    /// Mean final test accuracy over seeds, percent.
    public var accuracy: Double
    /// Runs averaged.
    public var runs: Int
    /// How many of them diverged.
    public var diverged: Int

    /// The cells of the plain constant-delay runs (no remedies, constant schedule), sorted by
    /// optimizer, batch, delay, learning rate.
    public static func cells(_ runs: [AnalyzedRun]) -> [AccuracyCell] {
        struct Key: Hashable { var optimizer: String, batch: Int, lr: Double, delay: Int }
        var groups: [Key: [AnalyzedRun]] = [:]
        for run in runs where run.isPlainConstantDelay {
            guard let delay = run.constantDelay, run.finalPercent != nil else { continue }
            groups[Key(optimizer: run.optimizer, batch: run.batchSize, lr: run.learningRate, delay: delay),
                   default: []].append(run)
        }
        return groups.map { key, members in
            AccuracyCell(optimizer: key.optimizer, batchSize: key.batch, learningRate: key.lr, delay: key.delay,
                         accuracy: members.compactMap(\.finalPercent).reduce(0, +) / Double(members.count),
                         runs: members.count, diverged: members.count { $0.record.status == .diverged })
        }.sorted {
            ($0.optimizer, $0.batchSize, $0.delay, $0.learningRate) < ($1.optimizer, $1.batchSize, $1.delay, $1.learningRate)
        }
    }
}
