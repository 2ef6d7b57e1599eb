import StalenessSimulation

/// How emulated workers are scheduled: N virtual workers whose submission order comes either from
/// simulating their compute times or from a simulator trace.
public struct WorkerEmulation: Codable, Hashable, Sendable {
    /// Where the order of submissions comes from.
    public enum Order: Codable, Hashable, Sendable {
        /// Simulated compute times: the model's name and σ (see `WorkerTimeModel`), slow workers and
        /// stragglers, and the seed of the time draws.
        case simulated(model: String, sigma: Double, heterogeneity: WorkerHeterogeneity, seed: UInt64)
        /// Submitting worker ids in arrival order, replayed from a trace file named by `label`.
        case recorded(workerIDs: [Int32], label: String)
    }

    /// Virtual workers, ≥ 1.
    public var workers: Int
    /// Where the submission order comes from.
    public var order: Order

    /// Creates an emulation plan.
    /// - Throws: `TrainingError.invalidConfiguration` for fewer than one worker, an unknown model or
    ///   σ, or recorded ids outside `0..<workers`.
    public init(workers: Int, order: Order) throws(TrainingError) {
        guard workers >= 1 else { throw .invalidConfiguration("emulated workers must be ≥ 1, got \(workers)") }
        switch order {
        case let .simulated(model, sigma, _, _):
            do { _ = try WorkerTimeModel(name: model, sigma: sigma) } catch {
                throw .invalidConfiguration(error.description)
            }
        case let .recorded(ids, label):
            if let bad = ids.first(where: { $0 < 0 || Int($0) >= workers }) {
                throw .invalidConfiguration("trace \(label) names worker \(bad), outside 0..<\(workers)")
            }
        }
        self.workers = workers
        self.order = order
    }
}
