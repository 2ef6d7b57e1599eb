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

    /// The most workers a simulation takes: its per-worker state (clocks, read counts, speed factors
    /// and about five window slots per worker) is ``bytesPerWorker`` each, and its staleness values,
    /// about N, index a dense histogram.
    public static let maximumWorkers = 100_000_000
    /// Memory the simulator holds per worker, in bytes (see ``estimatedMemoryBytes``).
    static let bytesPerWorker = 24 + 5 * 40 + 16

    /// Creates a configuration.
    /// - Throws: ``SimulationInputError`` when `workers` is outside 1…``maximumWorkers``,
    ///   `gradients < 1`, `warmupPerWorker < 0`, or warm-up plus gradients exceed `Int.max` arrivals.
    public init(workers: Int, model: WorkerTimeModel, heterogeneity: WorkerHeterogeneity = .none,
                gradients: Int, warmupPerWorker: Int = defaultWarmupPerWorker,
                seed: UInt64) throws(SimulationInputError) {
        guard workers >= 1 else { throw .invalidWorkerCount(workers) }
        guard workers <= Self.maximumWorkers else { throw .tooManyWorkers(workers, maximum: Self.maximumWorkers) }
        guard gradients >= 1 else { throw .noGradients }
        guard warmupPerWorker >= 0 else { throw .negativeWarmup(warmupPerWorker) }
        let (warmup, warmupOverflow) = warmupPerWorker.multipliedReportingOverflow(by: workers)
        guard !warmupOverflow, !warmup.addingReportingOverflow(gradients).overflow else {
            throw .tooManyArrivals(workers: workers, warmupPerWorker: warmupPerWorker, gradients: "\(gradients) gradients")
        }
        self.workers = workers
        self.model = model
        self.heterogeneity = heterogeneity
        self.gradients = gradients
        self.warmupPerWorker = warmupPerWorker
        self.seed = seed
    }

    /// Creates a configuration recording `perWorker` gradients per worker (`perWorker × workers` in all).
    /// - Throws: ``SimulationInputError`` as ``init(workers:model:heterogeneity:gradients:warmupPerWorker:seed:)``,
    ///   and ``SimulationInputError/tooManyArrivals(workers:warmupPerWorker:gradients:)`` when the product
    ///   exceeds `Int.max`.
    public init(workers: Int, model: WorkerTimeModel, heterogeneity: WorkerHeterogeneity = .none,
                gradientsPerWorker perWorker: Int, warmupPerWorker: Int = defaultWarmupPerWorker,
                seed: UInt64) throws(SimulationInputError) {
        let (gradients, overflow) = perWorker.multipliedReportingOverflow(by: max(workers, 1))
        guard !overflow else {
            throw .tooManyArrivals(workers: workers, warmupPerWorker: warmupPerWorker,
                                   gradients: "\(perWorker) gradients per worker")
        }
        try self.init(workers: workers, model: model, heterogeneity: heterogeneity, gradients: gradients,
                      warmupPerWorker: warmupPerWorker, seed: seed)
    }

    /// The number of arrivals discarded before recording starts (checked not to overflow by `init`).
    public var warmupArrivals: Int { warmupPerWorker &* workers }

    /// All arrivals simulated: warm-up plus recorded gradients (checked not to overflow by `init`).
    public var totalArrivals: Int { warmupArrivals &+ gradients }

    /// The memory the simulation holds, in bytes: per-worker state plus a histogram of about 2N values.
    public var estimatedMemoryBytes: Double { Double(workers) * Double(Self.bytesPerWorker + 16) + 65_536 }

    /// Checks that the simulation fits in `budget`.
    /// - Throws: ``SimulationInputError/insufficientMemory(_:)`` with the figures when it does not.
    public func checkMemory(_ budget: MemoryBudget) throws(SimulationInputError) {
        do { try budget.check(estimatedMemoryBytes, for: "simulating \(workers) workers") } catch {
            throw .insufficientMemory(error)
        }
    }
}
