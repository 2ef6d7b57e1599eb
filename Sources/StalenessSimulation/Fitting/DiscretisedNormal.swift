import CGSL

/// The normal N(μ, σ²) rounded to the nearest integer: P(k) = Φ((k + ½ − μ)/σ) − Φ((k − ½ − μ)/σ).
///
/// σ = 0 is the point mass at μ rounded half up.
public struct DiscretisedNormal: Sendable, Equatable, Hashable {
    /// Mean of the underlying normal.
    public var mean: Double
    /// Standard deviation of the underlying normal, ≥ 0.
    public var sigma: Double

    /// Creates the distribution. - Precondition: `sigma >= 0`.
    public init(mean: Double, sigma: Double) {
        precondition(sigma >= 0, "sigma must be non-negative")
        self.mean = mean
        self.sigma = sigma
    }

    /// The discretised normal whose variance matches a sample variance `variance` of integers:
    /// rounding adds about 1/12 to the variance (Sheppard's correction), so σ² = variance − 1/12,
    /// or 0 when the variance is smaller than that.
    public init(mean: Double, integerVariance variance: Double) {
        self.init(mean: mean, sigma: max(variance - 1.0 / 12, 0).squareRoot())
    }

    /// P(X ≤ k) for integer k.
    public func cumulative(_ k: Int) -> Double {
        let upper = Double(k) + 0.5
        if sigma == 0 { return upper > mean ? 1 : 0 }
        return gsl_cdf_ugaussian_P((upper - mean) / sigma)
    }

    /// P(X > k) for integer k, accurate in the upper tail.
    public func survival(_ k: Int) -> Double {
        let upper = Double(k) + 0.5
        if sigma == 0 { return upper > mean ? 0 : 1 }
        return gsl_cdf_ugaussian_Q((upper - mean) / sigma)
    }

    /// P(X = k).
    public func probability(_ k: Int) -> Double {
        // Subtract on the side of the median where the tail is small, so far tails keep their precision.
        if Double(k) > mean { return survival(k - 1) - survival(k) }
        return cumulative(k) - cumulative(k - 1)
    }

    /// P(a ≤ X ≤ b) for integers a ≤ b; equal to ``probability(_:)`` when a = b.
    public func mass(from a: Int, through b: Int) -> Double {
        if Double(a) > mean { return survival(a - 1) - survival(b) }
        return cumulative(b) - cumulative(a - 1)
    }

    /// Probabilities of 0...maximum for a non-negative quantity: the mass below 0 is folded into 0 and
    /// the mass above `maximum` into `maximum`, so the vector sums to 1. - Precondition: `maximum >= 0`.
    public func probabilitiesOfNonNegativeValues(upTo maximum: Int) -> [Double] {
        precondition(maximum >= 0, "maximum must be non-negative")
        if maximum == 0 { return [1] }
        var result = [cumulative(0)]
        for k in 1..<maximum { result.append(probability(k)) }
        result.append(survival(maximum - 1))
        return result
    }
}
