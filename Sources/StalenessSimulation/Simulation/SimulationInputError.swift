/// A simulation was asked for with parameters it cannot run with; the description is one line for the user.
public enum SimulationInputError: Error, Equatable, CustomStringConvertible {
    /// The worker count is below 1.
    case invalidWorkerCount(Int)
    /// The worker count exceeds what the simulator supports.
    case tooManyWorkers(Int, maximum: Int)
    /// Warm-up plus recorded gradients exceed `Int.max` arrivals; `gradients` says how they were given.
    case tooManyArrivals(workers: Int, warmupPerWorker: Int, gradients: String)
    /// The simulation would need more memory than the budget allows.
    case insufficientMemory(MemoryBudget.Shortfall)
    /// σ is negative or not a finite number.
    case invalidSigma(Double)
    /// σ is outside what the named model allows (`limit` states the allowed range).
    case sigmaOutOfRange(model: String, sigma: Double, limit: String)
    /// The model name is not one of ``WorkerTimeModel/names``.
    case unknownModel(String)
    /// The number of gradients to record is below 1.
    case noGradients
    /// The warm-up is negative.
    case negativeWarmup(Int)
    /// A heterogeneity parameter is out of range; the payload says which.
    case invalidHeterogeneity(String)

    public var description: String {
        switch self {
        case let .invalidWorkerCount(n): "the number of workers must be at least 1, got \(n)"
        case let .tooManyWorkers(n, maximum): "the number of workers must be at most \(maximum), got \(n)"
        case let .tooManyArrivals(workers, warmup, gradients):
            "\(workers) workers × \(warmup) warm-up arrivals plus \(gradients) exceed \(Int.max) arrivals"
        case let .insufficientMemory(shortfall): shortfall.description
        case let .invalidSigma(s): "sigma must be a finite number ≥ 0, got \(s)"
        case let .sigmaOutOfRange(model, sigma, limit): "model \(model) needs \(limit), got sigma \(sigma)"
        case let .unknownModel(name):
            "unknown model '\(name)' (expected one of: \(WorkerTimeModel.names.joined(separator: ", ")))"
        case .noGradients: "the number of gradients to simulate must be at least 1"
        case let .negativeWarmup(w): "the warm-up must be ≥ 0 arrivals per worker, got \(w)"
        case let .invalidHeterogeneity(message): message
        }
    }
}
