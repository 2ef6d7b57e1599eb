import CGSL
import Foundation

/// A parametric family for integer staleness values, fitted by maximum likelihood
/// (``CountFamilyFit``). Every family but the normal sits on `shift + {0, 1, 2, ...}`, where the
/// shift is the smallest observed value (0 for logs that reach 0).
public enum CountFamily: String, Sendable, CaseIterable, Codable {
    /// N(μ, σ²) rounded to the nearest integer (``DiscretisedNormal``); no shift.
    case normal
    /// Poisson(λ) + shift.
    case poisson
    /// Negative binomial with mean m and size r (variance m + m²/r) + shift.
    case negativeBinomial = "negative-binomial"
    /// ⌊Gamma(shape k, scale θ)⌋ + shift.
    case gamma
    /// ⌊LogNormal(μ, σ)⌋ + shift.
    case logNormal = "log-normal"

    /// Names of the fitted parameters, in the order of ``CountFamilyFit/parameters``.
    public var parameterNames: [String] {
        switch self {
        case .normal: ["μ", "σ"]
        case .poisson: ["λ"]
        case .negativeBinomial: ["m", "r"]
        case .gamma: ["k", "θ"]
        case .logNormal: ["μ", "σ"]
        }
    }

    /// Whether the family is placed at the smallest observed value.
    var isShifted: Bool { self != .normal }

    /// Whether `parameters` are inside the family's parameter space.
    func isValid(_ parameters: [Double]) -> Bool {
        guard parameters.allSatisfy(\.isFinite) else { return false }
        switch self {
        case .normal, .logNormal: return parameters[1] > 0
        case .poisson: return parameters[0] > 0
        // Beyond r = 10^8 the negative binomial is the Poisson to double precision.
        case .negativeBinomial: return parameters[0] > 0 && parameters[1] > 0 && parameters[1] <= 1e8
        case .gamma: return parameters[0] > 0 && parameters[1] > 0
        }
    }

    /// log P(X = shift + j) for j ≥ 0 (for the normal, j is the value itself and may be any integer).
    func logProbability(_ j: Int, _ p: [Double]) -> Double {
        let x = Double(j)
        switch self {
        case .normal:
            let probability = DiscretisedNormal(mean: p[0], sigma: p[1]).probability(j)
            return probability > 0 ? log(probability) : -.infinity
        case .poisson:
            return x * log(p[0]) - p[0] - gsl_sf_lnfact(UInt32(clamping: j))
        case .negativeBinomial:
            let (m, r) = (p[0], p[1])
            // lnpoch and log1p keep the Poisson limit (r → ∞) free of cancellation.
            return gsl_sf_lnpoch(r, x) - gsl_sf_lnfact(UInt32(clamping: j))
                - r * log1p(m / r) + x * (log(m) - log(r + m))
        case .gamma, .logNormal:
            let probability = intervalProbability(x, x + 1, p)
            if probability > 0 { return log(probability) }
            // Far in a tail the CDFs underflow to equal values: the density at the interval's
            // midpoint, in logs, keeps the likelihood finite (and the minimiser moving).
            return logDensity(x + 0.5, p)
        }
    }

    /// log of the continuous gamma or log-normal density at y > 0.
    private func logDensity(_ y: Double, _ p: [Double]) -> Double {
        if self == .gamma { return (p[0] - 1) * log(y) - y / p[1] - gsl_sf_lngamma(p[0]) - p[0] * log(p[1]) }
        let z = (log(y) - p[0]) / p[1]
        return -log(y * p[1] * (2 * Double.pi).squareRoot()) - z * z / 2
    }

    /// P(shift + a ≤ X ≤ shift + b) for 0 ≤ a ≤ b (for the normal, a and b are the values themselves),
    /// from CDFs on the side of the median where the tail is small: a bin's mass in one step, so a
    /// test over binned values costs O(bins), not O(span).
    func mass(from a: Int, through b: Int, _ p: [Double]) -> Double {
        if a == b { return exp(logProbability(a, p)) }
        let (lowerA, upperA) = tails(a - 1, p), (lowerB, upperB) = tails(b, p)
        return lowerB > 0.5 ? upperA - upperB : lowerB - lowerA
    }

    /// (P(X ≤ shift + j), P(X > shift + j)), each computed directly rather than as 1 − the other.
    func tails(_ j: Int, _ p: [Double]) -> (lower: Double, upper: Double) {
        if j < 0 && self != .normal { return (0, 1) }
        let k = UInt32(clamping: j)
        switch self {
        case .normal:
            let normal = DiscretisedNormal(mean: p[0], sigma: p[1])
            return (normal.cumulative(j), normal.survival(j))
        case .poisson:
            return (gsl_cdf_poisson_P(k, p[0]), gsl_cdf_poisson_Q(k, p[0]))
        case .negativeBinomial:
            let success = p[1] / (p[1] + p[0])
            return (gsl_cdf_negative_binomial_P(k, success, p[1]), gsl_cdf_negative_binomial_Q(k, success, p[1]))
        case .gamma:
            // ⌊Y⌋ ≤ j ⇔ Y < j + 1.
            return (gsl_cdf_gamma_P(Double(j) + 1, p[0], p[1]), gsl_cdf_gamma_Q(Double(j) + 1, p[0], p[1]))
        case .logNormal:
            return (gsl_cdf_lognormal_P(Double(j) + 1, p[0], p[1]), gsl_cdf_lognormal_Q(Double(j) + 1, p[0], p[1]))
        }
    }

    /// P(a < Y ≤ b) of the continuous gamma or log-normal, from the tail where it is small.
    private func intervalProbability(_ a: Double, _ b: Double, _ p: [Double]) -> Double {
        let lower: (Double) -> Double, upper: (Double) -> Double, median: Double
        if self == .gamma {
            lower = { gsl_cdf_gamma_P($0, p[0], p[1]) }
            upper = { gsl_cdf_gamma_Q($0, p[0], p[1]) }
            median = p[0] * p[1]
        } else {
            lower = { $0 <= 0 ? 0 : gsl_cdf_lognormal_P($0, p[0], p[1]) }
            upper = { $0 <= 0 ? 1 : gsl_cdf_lognormal_Q($0, p[0], p[1]) }
            median = exp(p[0])
        }
        return a >= median ? upper(a) - upper(b) : lower(b) - lower(a)
    }

    /// Starting parameters from the mean and variance of the values above the shift.
    func start(mean: Double, variance: Double) -> [Double] {
        let m = max(mean, 1e-3), v = max(variance, 1e-3)
        switch self {
        case .normal: return [mean, max(v - 1.0 / 12, 1e-3).squareRoot()]
        case .poisson: return [m]
        case .negativeBinomial: return [m, v > m ? m * m / (v - m) : 1e3]
        case .gamma:
            // Flooring lowers the mean by about ½.
            let c = m + 0.5
            return [c * c / v, v / c]
        case .logNormal:
            let c = m + 0.5
            let s2 = log(1 + v / (c * c))
            return [log(c) - s2 / 2, s2.squareRoot()]
        }
    }
}
