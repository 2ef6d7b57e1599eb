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
    public var accuracy: Double { seeds.mean }
    /// The final test accuracies (percent) of the cell's runs, by seed, with their interval and spread.
    public var seeds: SeedSummary
    /// Runs averaged.
    public var runs: Int { seeds.count }
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
            let bySeed = members.sorted { $0.configuration.seed < $1.configuration.seed }
            return AccuracyCell(optimizer: key.optimizer, batchSize: key.batch, learningRate: key.lr, delay: key.delay,
                                seeds: SeedSummary(bySeed.compactMap(\.finalPercent)),
                                diverged: members.count { $0.record.status == .diverged })
        }.sorted {
            ($0.optimizer, $0.batchSize, $0.delay, $0.learningRate) < ($1.optimizer, $1.batchSize, $1.delay, $1.learningRate)
        }
    }
}
