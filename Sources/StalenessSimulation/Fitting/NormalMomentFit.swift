/// The normal fitted by moments, which for a normal are also the maximum-likelihood estimates.
public struct NormalMomentFit: Sendable, Equatable, Hashable, Codable {
    /// μ: the sample mean.
    public var mean: Double
    /// σ: the sample standard deviation with denominator n.
    public var standardDeviation: Double
    /// σ of the normal which, rounded to integers, has the sample's variance: √(sd² − 1/12)
    /// (Sheppard's correction), 0 when sd² < 1/12.
    public var discretisedSigma: Double

    /// The moment fit of data summarised by `summary`.
    public init(_ summary: SummaryStatistics) {
        mean = summary.mean
        standardDeviation = summary.standardDeviation
        discretisedSigma = DiscretisedNormal(mean: summary.mean,
                                             integerVariance: summary.standardDeviation * summary.standardDeviation).sigma
    }

    /// The fitted normal as a distribution over integers (mean μ, σ = ``discretisedSigma``).
    public var discretised: DiscretisedNormal { DiscretisedNormal(mean: mean, sigma: discretisedSigma) }
}
