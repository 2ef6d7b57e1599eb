/// The parameters of a simulation as stored in a distribution file.
public struct SimulationParameters: Sendable, Equatable, Hashable, Codable {
    /// Number of workers N.
    public var workers: Int
    /// Worker-time model name (one of ``WorkerTimeModel/names``).
    public var model: String
    /// The σ given for the model (ignored by `exponential`).
    public var sigma: Double
    /// Standard deviation of one compute time under the model (σ, or 1 for `exponential`).
    public var workerTimeStandardDeviation: Double
    /// Slow workers and stragglers.
    public var heterogeneity: WorkerHeterogeneity
    /// Recorded gradients.
    public var gradients: Int
    /// Warm-up arrivals per worker discarded before recording.
    public var warmupPerWorker: Int
    /// Seed of the GSL generator.
    public var seed: UInt64

    /// The parameters of `configuration`, with the σ the user gave.
    public init(_ configuration: SimulationConfiguration, sigma: Double) {
        workers = configuration.workers
        model = configuration.model.name
        self.sigma = sigma
        workerTimeStandardDeviation = configuration.model.standardDeviation
        heterogeneity = configuration.heterogeneity
        gradients = configuration.gradients
        warmupPerWorker = configuration.warmupPerWorker
        self.seed = configuration.seed
    }
}
