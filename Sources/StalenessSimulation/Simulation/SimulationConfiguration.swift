/// Everything that determines one simulation run; the same configuration gives the same result.
public struct SimulationConfiguration: Sendable, Equatable, Hashable {
    /// Default warm-up: arrivals per worker discarded before recording. The run starts with all workers
    /// in phase, and with σ = 0.2 their phases take about 1/σ² = 25 rounds to spread out; 100 rounds
    /// leave that transient well behind while costing 100·N arrivals.
    public static let defaultWarmupPerWorker = 100

    /// Number of workers N, ≥ 1.
    public var workers: Int
    /// Compute-time distribution of every worker.
    public var model: WorkerTimeModel
    /// Slow workers and stragglers.
    public var heterogeneity: WorkerHeterogeneity
    /// Number of gradients whose staleness is recorded, ≥ 1.
    public var gradients: Int
    /// Warm-up in arrivals per worker: the first `warmupPerWorker × workers` arrivals at the server
    /// (whichever workers they come from) are simulated but not recorded. 0 records from the start.
    public var warmupPerWorker: Int
    /// Seed of the GSL generator that draws every compute time.
    public var seed: UInt64
    /// A fixed time added to every compute time (e.g. twice a communication time: upload and
    /// download), ≥ 0. It changes arrival times and, when workers differ, their order.
    public var cycleOverhead: Double = 0

    /// Creates a configuration.
    /// - Throws: ``SimulationInputError`` when `workers < 1`, `gradients < 1` or `warmupPerWorker < 0`.
    public init(workers: Int, model: WorkerTimeModel, heterogeneity: WorkerHeterogeneity = .none,
                gradients: Int, warmupPerWorker: Int = defaultWarmupPerWorker,
                seed: UInt64) throws(SimulationInputError) {
        guard workers >= 1 else { throw .invalidWorkerCount(workers) }
        guard gradients >= 1 else { throw .noGradients }
        guard warmupPerWorker >= 0 else { throw .negativeWarmup(warmupPerWorker) }
        self.workers = workers
        self.model = model
        self.heterogeneity = heterogeneity
        self.gradients = gradients
        self.warmupPerWorker = warmupPerWorker
        self.seed = seed
    }

    /// The number of arrivals discarded before recording starts.
    public var warmupArrivals: Int { warmupPerWorker * workers }
}
