/// Everything the toolkit reports about a histogram of staleness values: summary statistics, the
/// moment (maximum-likelihood) normal, the least-squares Gaussian and the goodness of fit.
public struct StalenessAnalysis: Sendable, Equatable, Hashable, Codable {
    /// Mean, sd, skewness, kurtosis, extremes, quantiles.
    public var summary: SummaryStatistics
    /// The moment / maximum-likelihood normal.
    public var normal: NormalMomentFit
    /// The least-squares Gaussian, or nil when the histogram spans fewer than 4 values or the solver failed.
    public var leastSquares: GaussianLeastSquaresFit?
    /// χ² and Kolmogorov–Smirnov against the discretised moment normal (``fittedNormal``).
    public var goodnessOfFit: GoodnessOfFit

    /// Analyses `histogram`. - Throws: ``FitError/emptyHistogram`` when it is empty.
    public init(histogram: StalenessHistogram) throws(FitError) {
        summary = try SummaryStatistics(histogram: histogram)
        normal = NormalMomentFit(summary)
        leastSquares = GaussianLeastSquaresFit(histogram: histogram, start: summary)
        goodnessOfFit = GoodnessOfFit(histogram: histogram, normal: normal.discretised)
    }

    /// The moment fit as a distribution over integers: mean μ and the Sheppard-corrected σ, so that
    /// the rounded normal reproduces the sample's mean and variance. Goodness of fit and the
    /// trainer's fitted-normal delays use this distribution.
    public var fittedNormal: DiscretisedNormal { normal.discretised }
}
