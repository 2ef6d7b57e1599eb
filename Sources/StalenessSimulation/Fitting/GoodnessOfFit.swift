import CGSL

/// How well a ``DiscretisedNormal`` with estimated mean and σ describes a histogram.
public struct GoodnessOfFit: Sendable, Equatable, Hashable, Codable {
    /// Bins are pooled until each expects at least this many observations, the usual validity rule
    /// for the χ² approximation.
    public static let minimumExpectedCount = 5.0

    /// Mean of the tested discretised normal.
    public var mean: Double
    /// σ of the tested discretised normal.
    public var sigma: Double
    /// Pearson's χ² statistic over the pooled bins.
    public var chiSquare: Double
    /// Pooled bins − 1 − 2 estimated parameters; may be ≤ 0 for very narrow histograms.
    public var degreesOfFreedom: Int
    /// P(χ²_dof ≥ statistic); nil when there are no degrees of freedom left.
    public var pValue: Double?
    /// Kolmogorov–Smirnov distance sup_k |F_empirical(k) − F_normal(k)|.
    public var kolmogorovSmirnovDistance: Double

    /// Tests `histogram` (non-empty) against `normal`, whose two parameters were estimated from it.
    public init(histogram: StalenessHistogram, normal: DiscretisedNormal) {
        let n = Double(histogram.total)
        let counts = histogram.counts
        let spread = 6 * max(normal.sigma, 1)
        let low = min(histogram.minimum ?? 0, Int((normal.mean - spread).rounded(.down)))
        let high = max(counts.count - 1, Int((normal.mean + spread).rounded(.up)))

        func observed(_ k: Int) -> Double { k >= 0 && k < counts.count ? Double(counts[k]) : 0 }
        // Bin probabilities over low...high with both tails folded into the end bins.
        func expected(_ k: Int) -> Double {
            if k == low { return n * normal.cumulative(low) }
            if k == high { return n * normal.survival(high - 1) }
            return n * normal.probability(k)
        }

        var pooled: [(observed: Double, expected: Double)] = []
        var pendingObserved = 0.0, pendingExpected = 0.0
        var ks = 0.0, cumulativeObserved = 0.0
        for k in low...high {
            let o = observed(k)
            pendingObserved += o
            pendingExpected += expected(k)
            if pendingExpected >= Self.minimumExpectedCount {
                pooled.append((pendingObserved, pendingExpected))
                pendingObserved = 0
                pendingExpected = 0
            }
            cumulativeObserved += o
            ks = max(ks, abs(cumulativeObserved / n - normal.cumulative(k)))
        }
        if pendingExpected > 0 || pendingObserved > 0 {
            if pooled.isEmpty {
                pooled.append((pendingObserved, pendingExpected))
            } else {
                pooled[pooled.count - 1].observed += pendingObserved
                pooled[pooled.count - 1].expected += pendingExpected
            }
        }
        var chiSquare = 0.0
        for bin in pooled where bin.expected > 0 {
            let d = bin.observed - bin.expected
            chiSquare += d * d / bin.expected
        }
        mean = normal.mean
        sigma = normal.sigma
        self.chiSquare = chiSquare
        degreesOfFreedom = pooled.count - 3
        pValue = degreesOfFreedom > 0 ? gsl_cdf_chisq_Q(chiSquare, Double(degreesOfFreedom)) : nil
        kolmogorovSmirnovDistance = ks
    }
}
