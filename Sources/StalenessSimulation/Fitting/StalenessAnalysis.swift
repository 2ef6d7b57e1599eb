/// Everything the toolkit reports about a histogram of staleness values: summary statistics, the
/// moment (maximum-likelihood) normal, the least-squares Gaussian and the goodness of fit.
public struct StalenessAnalysis: Sendable, Equatable, Hashable, Codable {
    /// Mean, sd, skewness, kurtosis, extremes, quantiles.
    public var summary: SummaryStatistics
    /// The least-squares Gaussian, or nil when the histogram is too narrow or the solver failed.
    public var leastSquares: GaussianLeastSquaresFit?
    /// χ² and Kolmogorov–Smirnov against ``fittedNormal``.
    public var goodnessOfFit: GoodnessOfFit

    /// Analyses `histogram`. - Throws: ``FitError/emptyHistogram`` when it is empty.
    public init(histogram: StalenessHistogram) throws(FitError) {
        summary = try SummaryStatistics(histogram: histogram)
        leastSquares = GaussianLeastSquaresFit(histogram: histogram, start: summary)
        goodnessOfFit = GoodnessOfFit(histogram: histogram, normal: Self.discretisedNormal(summary))
    }

    /// The moment fit as a continuous normal: the sample mean and sd (denominator n) are the
    /// maximum-likelihood estimates of N(μ, σ²).
    public var normalMean: Double { summary.mean }
    /// See ``normalMean``.
    public var normalStandardDeviation: Double { summary.standardDeviation }

    /// The moment fit as a distribution over integers: mean μ and the Sheppard-corrected σ
    /// (√(sd² − 1/12)), so that the rounded normal reproduces the sample's mean and variance.
    /// Goodness of fit and the trainer's fitted-normal delays use this distribution.
    public var fittedNormal: DiscretisedNormal { Self.discretisedNormal(summary) }

    private static func discretisedNormal(_ summary: SummaryStatistics) -> DiscretisedNormal {
        DiscretisedNormal(mean: summary.mean,
                          integerVariance: summary.standardDeviation * summary.standardDeviation)
    }
}
