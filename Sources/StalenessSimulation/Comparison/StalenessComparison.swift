import Foundation

/// Two or more staleness distributions side by side: each one's summary, and for every pair the
/// two-sample Kolmogorov–Smirnov distance with its p-value, the Wasserstein-1 distance and the
/// differences of mean, standard deviation and quantiles.
public struct StalenessComparison: Sendable {
    /// The comparison of source ``first`` with source ``second`` (indices into ``sources``);
    /// differences are second − first.
    public struct Pair: Sendable, Equatable, Codable {
        /// Index of the first source.
        public var first: Int
        /// Index of the second source.
        public var second: Int
        /// sup_k |F₁(k) − F₂(k)| of the two empirical distribution functions.
        public var kolmogorovSmirnov: Double
        /// The asymptotic two-sample p-value of ``kolmogorovSmirnov`` (see
        /// ``StalenessComparison/kolmogorovSmirnovPValue(distance:sizes:)``).
        public var pValue: Double
        /// Σ_k |F₁(k) − F₂(k)|, in updates.
        public var wasserstein1: Double
        /// Mean of the second minus mean of the first.
        public var meanDifference: Double
        /// Standard deviation of the second minus that of the first.
        public var standardDeviationDifference: Double
        /// Quantiles (at ``SummaryStatistics/quantileLevels``) of the second minus the first's.
        public var quantileDifferences: [Int]
    }

    /// The distributions compared, in the order given.
    public var sources: [StalenessSource]
    /// Each source's summary.
    public var summaries: [SummaryStatistics]
    /// Every pair (i, j) with i < j, in order.
    public var pairs: [Pair]

    /// Compares `sources`. - Throws: ``FitError/emptyHistogram`` when a source holds no values.
    public init(sources: [StalenessSource]) throws(FitError) {
        self.sources = sources
        var summaries: [SummaryStatistics] = []
        for source in sources { summaries.append(try SummaryStatistics(histogram: source.histogram)) }
        self.summaries = summaries
        var pairs: [Pair] = []
        for i in sources.indices {
            for j in sources.indices where j > i {
                let p = sources[i].histogram.weights, q = sources[j].histogram.weights
                let distance = HistogramDistance.kolmogorovSmirnov(p, q)
                pairs.append(Pair(
                    first: i, second: j, kolmogorovSmirnov: distance,
                    pValue: Self.kolmogorovSmirnovPValue(distance: distance, sizes: (summaries[i].count, summaries[j].count)),
                    wasserstein1: HistogramDistance.wasserstein1(p, q),
                    meanDifference: summaries[j].mean - summaries[i].mean,
                    standardDeviationDifference: summaries[j].standardDeviation - summaries[i].standardDeviation,
                    quantileDifferences: zip(summaries[j].quantiles, summaries[i].quantiles).map { $0 - $1 }))
            }
        }
        self.pairs = pairs
    }

    /// The asymptotic p-value of a two-sample KS distance between samples of `sizes` (n, m):
    /// Q_KS(λ) with λ = (√nₑ + 0.12 + 0.11/√nₑ)·D and nₑ = nm/(n + m) (Stephens' small-sample
    /// correction). For integer data with ties the test is conservative (the p-value too large).
    public static func kolmogorovSmirnovPValue(distance: Double, sizes: (Int, Int)) -> Double {
        let n = Double(sizes.0), m = Double(sizes.1)
        let effective = (n * m / (n + m)).squareRoot()
        return kolmogorovSurvival((effective + 0.12 + 0.11 / effective) * distance)
    }

    /// The Kolmogorov distribution's survival function Q(λ) = P(K > λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²},
    /// computed from the dual (Jacobi theta) series 1 − (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)} below
    /// λ = 1.18, where the first converges slowly; each needs a handful of terms there.
    public static func kolmogorovSurvival(_ lambda: Double) -> Double {
        guard lambda > 0 else { return 1 }
        let q = lambda < 1.18 ? 1 - smallLambdaSeries(lambda) : largeLambdaSeries(lambda)
        return min(1, max(0, q))
    }

    /// (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}: P(K ≤ λ).
    static func smallLambdaSeries(_ lambda: Double) -> Double {
        var sum = 0.0
        for k in 1...100 {
            let odd = Double(2 * k - 1)
            let term = exp(-odd * odd * Double.pi * Double.pi / (8 * lambda * lambda))
            sum += term
            if term < 1e-17 * sum { break }
        }
        return (2 * Double.pi).squareRoot() / lambda * sum
    }

    /// 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}: P(K > λ).
    static func largeLambdaSeries(_ lambda: Double) -> Double {
        var sum = 0.0, sign = 1.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * lambda * lambda)
            sum += sign * term
            sign = -sign
            if term < 1e-17 * abs(sum) { break }
        }
        return 2 * sum
    }
}
