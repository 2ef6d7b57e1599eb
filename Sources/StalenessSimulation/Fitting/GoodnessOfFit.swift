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

    /// Bins tested over a range wider than ``StalenessHistogram/maximumExactSpan`` values: each
    /// bin that many values wide, χ² pooled from the bins and the KS distance taken at their upper
    /// ends; nil when every value was tested on its own.
    public var binWidth: Int?

    /// Tests `histogram` (non-empty) against `normal`, whose two parameters were estimated from it.
    ///
    /// The tested range is the histogram's and the normal's μ ± 6σ together, both tails folded into
    /// its end bins; over more than ``StalenessHistogram/maximumExactSpan`` values it is binned
    /// (``binWidth``), so the time does not grow with the span; `maximumBins` sets another limit.
    public init(histogram: StalenessHistogram, normal: DiscretisedNormal,
                maximumBins: Int = StalenessHistogram.maximumExactSpan) {
        let n = Double(histogram.total)
        let spread = 6 * max(normal.sigma, 1)
        let low = min(histogram.minimum ?? 0, Int((normal.mean - spread).rounded(.down)))
        let high = max(histogram.counts.count - 1, Int((normal.mean + spread).rounded(.up)))
        let width = StalenessHistogram.binWidth(span: high - low + 1, maximumBins: maximumBins)

        var pooled: [(observed: Double, expected: Double)] = []
        var pendingObserved = 0.0, pendingExpected = 0.0
        var ks = 0.0, cumulativeObserved = 0.0
        var start = low
        while start <= high {
            let end = min(start + width - 1, high)
            let o = Double(histogram.count(from: start, through: end))
            // Bin probabilities over low...high with both tails folded into the end bins.
            let e: Double = if start == low && end == high { n }
                else if start == low { n * normal.cumulative(end) }
                else if end == high { n * normal.survival(start - 1) }
                else { n * normal.mass(from: start, through: end) }
            pendingObserved += o
            pendingExpected += e
            if pendingExpected >= Self.minimumExpectedCount {
                pooled.append((pendingObserved, pendingExpected))
                pendingObserved = 0
                pendingExpected = 0
            }
            cumulativeObserved += o
            ks = max(ks, abs(cumulativeObserved / n - normal.cumulative(end)))
            start = end + 1
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
        binWidth = width == 1 ? nil : width
    }
}
