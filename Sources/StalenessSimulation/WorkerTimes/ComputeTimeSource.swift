import GSLRandom

/// Draws the compute times of N workers one at a time, in whatever order a caller asks for them:
/// the model's draw times worker i's speed factor (slow workers, base times), times the straggler
/// factor when it straggles — the same rule as ``StalenessSimulator``, from its own seeded generator.
///
/// Synchronous algorithms use it: every step asks for one time per worker. Nothing is allocated per
/// draw.
public final class ComputeTimeSource {
    /// Workers whose times it draws.
    public let workers: Int
    private let generator: RandomGenerator
    private let sampler: WorkerTimeSampler
    private let speeds: [Double]
    private let stragglerProbability: Double
    private let stragglerFactor: Double

    /// - Precondition: `workers ≥ 1`.
    public init(workers: Int, model: WorkerTimeModel, heterogeneity: WorkerHeterogeneity, seed: UInt64) {
        precondition(workers >= 1, "at least one worker")
        self.workers = workers
        generator = RandomGenerator(seed: seed)
        sampler = WorkerTimeSampler(model)
        speeds = heterogeneity.speedFactors(workers: workers)
        stragglerProbability = heterogeneity.stragglerProbability
        stragglerFactor = heterogeneity.stragglerFactor
    }

    /// The next compute time of `worker` (in `0..<workers`).
    @inline(__always)
    public func draw(worker: Int) -> Double {
        var time = sampler.draw(generator) * speeds[worker]
        if stragglerProbability > 0, generator.uniform() < stragglerProbability { time *= stragglerFactor }
        return time
    }
}
