/// A distribution of delays over 0…maxDelay, from which a sampled-delay run draws τ for each update.
public struct DelayDistribution: Codable, Hashable, Sendable {
    /// Probability (or weight) of each delay; index = delay in server updates.
    public let probabilities: [Double]
    /// Where it came from, for the run's metadata (e.g. "fitted normal of dist.json").
    public let label: String

    /// Creates a distribution from weights, normalised to sum to 1.
    /// - Throws: `TrainingError.invalidConfiguration` for an empty, negative, non-finite or all-zero
    ///   weight vector, or one longer than ``maximumSupportedDelay`` + 1.
    public init(weights: [Double], label: String) throws(TrainingError) {
        guard !weights.isEmpty else { throw .invalidConfiguration("delay distribution \(label) is empty") }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalidConfiguration("delay distribution \(label) has negative or non-finite weights")
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { throw .invalidConfiguration("delay distribution \(label) has no mass") }
        var trimmed = weights
        while let last = trimmed.last, last == 0 { trimmed.removeLast() }
        guard trimmed.count - 1 <= Self.maximumSupportedDelay else {
            throw .invalidConfiguration(
                "delay distribution \(label) reaches delay \(trimmed.count - 1); at most "
                    + "\(Self.maximumSupportedDelay) is supported")
        }
        probabilities = trimmed.map { $0 / total }
        self.label = label
    }

    /// A one-point distribution at `delay`.
    public static func constant(_ delay: Int) throws(TrainingError) -> DelayDistribution {
        guard delay >= 0 else { throw .invalidConfiguration("delay must be ≥ 0, got \(delay)") }
        var weights = [Double](repeating: 0, count: delay + 1)
        weights[delay] = 1
        return try DelayDistribution(weights: weights, label: "constant \(delay)")
    }

    /// The largest delay this distribution can draw.
    public var maxDelay: Int { probabilities.count - 1 }

    /// The mean delay.
    public var mean: Double { probabilities.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element } }

    /// Longest delay a run may use: snapshots of LeNet-5 for 4096 steps take about 1 GB.
    public static let maximumSupportedDelay = 4096
}
