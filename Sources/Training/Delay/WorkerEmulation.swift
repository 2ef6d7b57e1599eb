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
    /// How the server uses the workers' gradients (nil: `async`, so older encodings read and hash
    /// unchanged).
    public var algorithm: Algorithm?
    /// Fixed time of one message (a gradient upload or a parameter download), in mean compute times
    /// (nil: 0).
    public var communicationTime: Double?

    /// The algorithm, `async` when unset.
    public var resolvedAlgorithm: Algorithm { algorithm ?? .async }

    /// Creates an emulation plan.
    /// - Throws: `TrainingError.invalidConfiguration` for fewer than one worker, an unknown model or
    ///   σ, recorded ids outside `0..<workers`, a negative or non-finite communication time, or an
    ///   algorithm other than `async` on a recorded order (a trace has no times).
    public init(workers: Int, order: Order, algorithm: Algorithm = .async,
                communicationTime: Double = 0) throws(TrainingError) {
        guard workers >= 1 else { throw .invalidConfiguration("emulated workers must be ≥ 1, got \(workers)") }
        guard communicationTime.isFinite, communicationTime >= 0 else {
            throw .invalidConfiguration("communication time must be ≥ 0, got \(communicationTime)")
        }
        switch order {
        case let .simulated(model, sigma, _, _):
            do { _ = try WorkerTimeModel(name: model, sigma: sigma) } catch {
                throw .invalidConfiguration(error.description)
            }
        case let .recorded(ids, label):
            if let bad = ids.first(where: { $0 < 0 || Int($0) >= workers }) {
                throw .invalidConfiguration("trace \(label) names worker \(bad), outside 0..<\(workers)")
            }
            guard algorithm == .async, communicationTime == 0 else {
                throw .invalidConfiguration("a trace has no times: it replays only --algorithm async without communication time")
            }
        }
        self.workers = workers
        self.order = order
        self.algorithm = algorithm == .async ? nil : algorithm
        self.communicationTime = communicationTime == 0 ? nil : communicationTime
    }
}
