/// Moments, extremes and quantiles of a ``StalenessHistogram``.
public struct SummaryStatistics: Sendable, Equatable, Hashable, Codable {
    /// The quantile levels reported, as probabilities.
    public static let quantileLevels = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]

    /// Number of observations.
    public var count: Int
    /// Arithmetic mean.
    public var mean: Double
    /// Standard deviation with denominator n (the maximum-likelihood normal's σ).
    public var standardDeviation: Double
    /// Skewness m₃/m₂^{3/2}; 0 when the sd is 0.
    public var skewness: Double
    /// Excess kurtosis m₄/m₂² − 3; 0 when the sd is 0.
    public var excessKurtosis: Double
    /// Smallest value.
    public var minimum: Int
    /// Largest value.
    public var maximum: Int
    /// The values at ``quantileLevels``: for level q, the smallest k with at least q·n observations ≤ k.
    public var quantiles: [Int]

    /// Summarises `histogram`. - Throws: ``FitError/emptyHistogram`` when it holds no observations.
    public init(histogram: StalenessHistogram) throws(FitError) {
        let total = histogram.total
        guard total > 0, let minimum = histogram.minimum, let maximum = histogram.maximum else {
            throw .emptyHistogram
        }
        let n = Double(total)
        var sum = 0.0, mean = 0.0, m2 = 0.0, m3 = 0.0, m4 = 0.0
        histogram.counts.withUnsafeBufferPointer { counts in
            for value in counts.indices where counts[value] > 0 { sum += Double(value) * Double(counts[value]) }
            mean = sum / n
            for value in counts.indices where counts[value] > 0 {
                let d = Double(value) - mean, d2 = d * d, c = Double(counts[value])
                m2 += c * d2
                m3 += c * d2 * d
                m4 += c * d2 * d2
            }
        }
        m2 /= n; m3 /= n; m4 /= n
        self.count = total
        self.mean = mean
        standardDeviation = m2.squareRoot()
        skewness = m2 > 0 ? m3 / (m2 * m2.squareRoot()) : 0
        excessKurtosis = m2 > 0 ? m4 / (m2 * m2) - 3 : 0
        self.minimum = minimum
        self.maximum = maximum
        var quantiles: [Int] = []
        var cumulative = 0, value = 0
        for level in Self.quantileLevels {
            let needed = level * n
            while Double(cumulative + histogram.counts[value]) < needed { cumulative += histogram.counts[value]; value += 1 }
            quantiles.append(value)
        }
        self.quantiles = quantiles
    }
}
