/// A stream of compute times for N workers, drawn exactly as ``StalenessSimulator`` draws them (model
/// draw × the worker's speed factor, then a uniform draw deciding whether it straggles), so that an
/// emulation calling ``draw(worker:)`` in the simulator's order sees the simulator's arrivals.
public final class ComputeTimes {
    private let generator: RandomGenerator
    private let sampler: WorkerTimeSampler
    private let speeds: [Double]
    private let stragglerProbability: Double
    private let stragglerFactor: Double

    /// Times for `workers` workers of `model` with `heterogeneity`, from a generator seeded with `seed`.
    public init(model: WorkerTimeModel, heterogeneity: WorkerHeterogeneity, workers: Int, seed: UInt64) {
        generator = RandomGenerator(seed: seed)
        sampler = WorkerTimeSampler(model)
        speeds = heterogeneity.speedFactors(workers: workers)
        stragglerProbability = heterogeneity.stragglerProbability
        stragglerFactor = heterogeneity.stragglerFactor
    }

    /// The next compute time of `worker`.
    public func draw(worker: Int) -> Double {
        var time = sampler.draw(generator.pointer) * speeds[worker]
        if stragglerProbability > 0, generator.uniform() < stragglerProbability { time *= stragglerFactor }
        return time
    }
}
