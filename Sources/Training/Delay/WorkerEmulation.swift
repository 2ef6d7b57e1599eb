import StalenessSimulation

/// How emulated workers are scheduled: N virtual workers whose submission order comes either from
/// simulating their compute times or from a simulator trace.
public struct WorkerEmulation: Codable, Hashable, Sendable {
    /// Where the order of submissions comes from.
    /// (Encoded as `{"simulated": {"model", "sigma", "heterogeneity", "seed"}}` or
    /// `{"recorded": {"trace"}}`; see `WorkerEmulation.Order+Codable.swift`.)
    public enum Order: Hashable, Sendable {
        /// Simulated compute times: the worker-time model (its σ inside), slow workers and stragglers,
        /// and the seed of the time draws.
        case simulated(model: WorkerTimeModel, heterogeneity: WorkerHeterogeneity, seed: UInt64)
        /// Submitting worker ids in arrival order, replayed from the trace file `trace` names.
        case recorded(trace: TraceReference)
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

    /// The longest communication time accepted, in mean compute times (as the slow-worker and
    /// straggler factors are bounded).
    public static let maximumCommunicationTime = 1000.0

    /// Creates an emulation plan.
    /// - Throws: `TrainingError.invalidConfiguration` for fewer than one worker, a trace of another
    ///   number of workers, a communication time outside 0…``maximumCommunicationTime``, or an algorithm other than
    ///   `async` on a recorded order (a trace has no times).
    public init(workers: Int, order: Order, algorithm: Algorithm = .async,
                communicationTime: Double = 0) throws(TrainingError) {
        guard workers >= 1 else { throw .invalidConfiguration("emulated workers must be ≥ 1, got \(workers)") }
        guard communicationTime.isFinite, communicationTime >= 0 else {
            throw .invalidConfiguration("communication time must be ≥ 0, got \(communicationTime)")
        }
        guard communicationTime <= Self.maximumCommunicationTime else {
            throw .invalidConfiguration("communication time must be at most \(Self.maximumCommunicationTime) (mean compute times), got \(communicationTime)")
        }
        switch order {
        case .simulated:
            break
        case let .recorded(trace):
            guard trace.workers == workers else {
                throw .invalidConfiguration("trace \(trace.path) has \(trace.workers) workers, not \(workers)")
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
