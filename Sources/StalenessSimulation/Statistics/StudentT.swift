import CGSL

/// Student's t distribution, for confidence intervals over a few seeds.
public enum StudentT {
    /// The p-quantile of Student's t with `degreesOfFreedom` ≥ 1 (GSL's `gsl_cdf_tdist_Pinv`).
    /// - Precondition: 0 < p < 1 and degreesOfFreedom ≥ 1 (callers pass counts they computed).
    public static func quantile(_ p: Double, degreesOfFreedom: Int) -> Double {
        gsl_cdf_tdist_Pinv(p, Double(degreesOfFreedom))
    }
}
