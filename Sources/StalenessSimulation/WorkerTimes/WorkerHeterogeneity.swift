/// Systematic and random slowdowns on top of a ``WorkerTimeModel``.
///
/// Slow workers: the last `round(slowFraction × N)` worker ids (the highest ids) always take
/// `slowFactor` times longer. Stragglers: each compute time, independently with probability
/// `stragglerProbability`, takes `stragglerFactor` times longer. Base times: worker i's times are
/// multiplied by ``WorkerTimeBase/time(of:)`` of ``baseTimes``. The defaults change nothing.
public struct WorkerHeterogeneity: Sendable, Equatable, Hashable, Codable {
    /// Fraction of workers that are systematically slow, in [0, 1].
    public var slowFraction: Double
    /// How many times longer a slow worker computes, > 0 (below 1 the "slow" workers are faster).
    public var slowFactor: Double
    /// Probability that one compute time is a straggler, in [0, 1].
    public var stragglerProbability: Double
    /// How many times longer a straggling compute time lasts, > 0.
    public var stragglerFactor: Double
    /// Fixed per-worker base times (nil: `equal`, so older encodings read and hash unchanged).
    public var baseTimes: WorkerTimeBase?

    /// The slow-worker factor when none is given (`simulate`, `train` and `sweep` alike).
    public static let defaultSlowFactor = 2.0
    /// The straggler factor when none is given (`simulate`, `train` and `sweep` alike).
    public static let defaultStragglerFactor = 5.0

    /// The factors accepted. A thousandfold slowdown already leaves the slow workers' gradients all
    /// but absent; beyond it the simulation's cost would follow the factor (windows of simulated time
    /// with almost no arrivals, or with millions) rather than the gradients asked for.
    public static let factorRange = 0.001...1000.0

    /// Creates a heterogeneity description. A factor with nothing to act on (no slow workers, no
    /// stragglers) changes nothing and is stored as 1, so equal behaviour is an equal value.
    /// - Throws: ``SimulationInputError/invalidHeterogeneity(_:)`` when a fraction or probability is
    ///   outside [0, 1] or a factor is outside ``factorRange``.
    public init(slowFraction: Double = 0, slowFactor: Double = defaultSlowFactor,
                stragglerProbability: Double = 0, stragglerFactor: Double = defaultStragglerFactor,
                baseTimes: WorkerTimeBase = .equal) throws(SimulationInputError) {
        guard slowFraction >= 0, slowFraction <= 1 else {
            throw .invalidHeterogeneity("slow-worker fraction \(slowFraction) is not in [0, 1]")
        }
        guard stragglerProbability >= 0, stragglerProbability <= 1 else {
            throw .invalidHeterogeneity("straggler probability \(stragglerProbability) is not in [0, 1]")
        }
        guard slowFactor.isFinite, slowFactor > 0 else {
            throw .invalidHeterogeneity("slow-worker factor \(slowFactor) is not a positive number")
        }
        guard stragglerFactor.isFinite, stragglerFactor > 0 else {
            throw .invalidHeterogeneity("straggler factor \(stragglerFactor) is not a positive number")
        }
        guard Self.factorRange.contains(slowFactor) else {
            throw .invalidHeterogeneity("slow-worker factor \(slowFactor) is outside [\(Self.factorRange.lowerBound), \(Self.factorRange.upperBound)]")
        }
        guard Self.factorRange.contains(stragglerFactor) else {
            throw .invalidHeterogeneity("straggler factor \(stragglerFactor) is outside [\(Self.factorRange.lowerBound), \(Self.factorRange.upperBound)]")
        }
        self.slowFraction = slowFraction
        self.slowFactor = slowFraction == 0 ? 1 : slowFactor
        self.stragglerProbability = stragglerProbability
        self.stragglerFactor = stragglerProbability == 0 ? 1 : stragglerFactor
        self.baseTimes = baseTimes == .equal ? nil : baseTimes
    }

    /// Homogeneous workers without stragglers.
    public static let none = WorkerHeterogeneity(unchecked: ())

    private init(unchecked: Void) {
        slowFraction = 0
        slowFactor = 1
        stragglerProbability = 0
        stragglerFactor = 1
    }

    /// How many of `workers` workers are slow: `round(slowFraction × workers)`, ties away from zero.
    public func slowWorkerCount(workers: Int) -> Int {
        Int((slowFraction * Double(workers)).rounded(.toNearestOrAwayFromZero))
    }

    /// The speed factor (compute-time multiplier) of each of `workers` workers: 1 for the first ids,
    /// `slowFactor` for the last ``slowWorkerCount(workers:)``, each times its base time.
    public func speedFactors(workers: Int) -> [Double] {
        let slow = slowWorkerCount(workers: workers)
        let factors = [Double](repeating: 1, count: workers - slow) + [Double](repeating: slowFactor, count: slow)
        guard let baseTimes else { return factors }
        return factors.enumerated().map { $0.element * baseTimes.time(of: $0.offset) }
    }

    /// The heterogeneity in words, e.g. `0.25 of workers ×2.0, stragglers p = 0.05 ×5.0`; empty for none.
    public var summary: String {
        var parts: [String] = []
        if slowFraction > 0 && slowFactor != 1 { parts.append("\(slowFraction) of workers ×\(slowFactor)") }
        if stragglerProbability > 0 && stragglerFactor != 1 {
            parts.append("stragglers p = \(stragglerProbability) ×\(stragglerFactor)")
        }
        if let baseTimes { parts.append("base times \(baseTimes)") }
        return parts.joined(separator: ", ")
    }
}
