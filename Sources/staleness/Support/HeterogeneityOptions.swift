import ArgumentParser
import Experiments
import StalenessSimulation

/// Slow workers and stragglers on top of a worker-time model: the same four options for
/// `simulate`, `calibrate`, `train` and (as grid values) `sweep`.
struct HeterogeneityOptions: ParsableArguments {
    @Option(name: .customLong("slow-fraction"), help: "Fraction of workers (the highest ids) that are systematically slow.")
    var slowFraction: Double = WorkerHeterogeneity.none.slowFraction

    @Option(name: .customLong("slow-factor"), help: "How many times longer a slow worker computes.")
    var slowFactor: Double = WorkerHeterogeneity.defaultSlowFactor

    @Option(name: .customLong("straggler-probability"), help: "Probability that one compute time is a straggler.")
    var stragglerProbability: Double = WorkerHeterogeneity.none.stragglerProbability

    @Option(name: .customLong("straggler-factor"), help: "How many times longer a straggling compute time lasts.")
    var stragglerFactor: Double = WorkerHeterogeneity.defaultStragglerFactor

    /// The options as the library's value (validated there).
    func heterogeneity() throws(SimulationInputError) -> WorkerHeterogeneity {
        try WorkerHeterogeneity(slowFraction: slowFraction, slowFactor: slowFactor,
                                stragglerProbability: stragglerProbability, stragglerFactor: stragglerFactor)
    }

    /// The options as values of a sweep grid point.
    var point: [SweepParameter: String] {
        [.slowFraction: "\(slowFraction)", .slowFactor: "\(slowFactor)",
         .stragglerProbability: "\(stragglerProbability)", .stragglerFactor: "\(stragglerFactor)"]
    }
}
