import Foundation
import Training

/// How long a list of runs takes on this machine, projected from measured one-epoch sample runs:
/// one per optimizer and batch size of the list, run with the same number of jobs in flight, so
/// that contention between concurrent runs is part of the measurement.
public struct PlanEstimate: Sendable {
    /// The measured cost of runs with one optimizer and batch size.
    public struct Sample: Sendable, Equatable {
        /// Optimizer of the sample run.
        public var optimizer: OptimizerKind
        /// Batch size of the sample run.
        public var batchSize: Int
        /// Seconds of one epoch's training steps.
        public var trainSeconds: Double
        /// The rest of the run's seconds per evaluation (evaluation, with setup folded in): a run of
        /// E epochs evaluates E + 1 times.
        public var evaluationSeconds: Double

        /// A sample with these costs.
        public init(optimizer: OptimizerKind, batchSize: Int, trainSeconds: Double, evaluationSeconds: Double) {
            self.optimizer = optimizer
            self.batchSize = batchSize
            self.trainSeconds = trainSeconds
            self.evaluationSeconds = evaluationSeconds
        }
    }

    /// The measurements.
    public let samples: [Sample]
    /// Runs in flight at once, during the sample and in the projection.
    public let jobs: Int

    /// An estimate from `samples` measured with `jobs` runs in flight. - Precondition: `jobs >= 1`.
    public init(samples: [Sample], jobs: Int) {
        precondition(jobs >= 1)
        self.samples = samples
        self.jobs = jobs
    }

    /// What to measure for `plan`: for each optimizer and batch size in it, its first configuration
    /// cut to one epoch (data subsets, input pipeline and the rest kept).
    public static func sampleConfigurations(for plan: [TrainingConfiguration]) -> [TrainingConfiguration] {
        var seen = Set<String>(), samples: [TrainingConfiguration] = []
        for configuration in plan where seen.insert("\(configuration.optimizer.kind)|\(configuration.batchSize)").inserted {
            var sample = configuration
            sample.epochs = 1
            samples.append(sample)
        }
        return samples
    }

    /// The samples of the one-epoch runs in `snapshot` (runs of other lengths are ignored), by
    /// optimizer and batch size.
    public static func samples(from snapshot: StoreSnapshot) -> [Sample] {
        let trainSeconds = Dictionary(snapshot.epochs.filter { $0.epoch == 1 }.map { ($0.runHash, $0.seconds) },
                                      uniquingKeysWith: { a, _ in a })
        return snapshot.runs.compactMap { run in
            guard run.epochs == 1, run.status != .failed, let train = trainSeconds[run.hash],
                  let optimizer = OptimizerKind(rawValue: run.optimizer) else { return nil }
            return Sample(optimizer: optimizer, batchSize: run.batchSize, trainSeconds: train,
                          evaluationSeconds: max(0, run.seconds - train) / 2)
        }.sorted { ($0.optimizer.rawValue, $0.batchSize) < ($1.optimizer.rawValue, $1.batchSize) }
    }

    /// Projected seconds of one run of `configuration` (E·training + (E + 1)·evaluation), from the
    /// sample with its optimizer and batch size, else its batch size; nil without either.
    public func seconds(for configuration: TrainingConfiguration) -> Double? {
        let sample = samples.first { $0.optimizer == configuration.optimizer.kind && $0.batchSize == configuration.batchSize }
            ?? samples.first { $0.batchSize == configuration.batchSize }
        guard let sample else { return nil }
        let epochs = Double(configuration.epochs)
        return epochs * sample.trainSeconds + (epochs + 1) * sample.evaluationSeconds
    }

    /// Projected wall-clock seconds of all of `plan` with `jobs` runs in flight (the runs' total
    /// divided by `jobs`); nil when a run has no sample to go by.
    public func wallSeconds(for plan: [TrainingConfiguration]) -> Double? {
        var total = 0.0
        for configuration in plan {
            guard let seconds = seconds(for: configuration) else { return nil }
            total += seconds
        }
        return total / Double(jobs)
    }
}
