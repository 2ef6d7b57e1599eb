import CGSL
import Foundation

/// A ``CountFamily`` fitted to a histogram by maximum likelihood, with standard errors from the
/// observed information, information criteria and goodness of fit. The likelihood is summed over
/// distinct values, so a fit costs O(distinct values) per evaluation however many values were logged.
public struct CountFamilyFit: Sendable, Equatable, Hashable, Codable {
    /// How the parameters were obtained.
    public enum Method: String, Sendable, Codable {
        /// Maximum likelihood (GSL Nelder–Mead on the log-likelihood).
        case maximumLikelihood = "maximum likelihood"
        /// The moment normal of ``StalenessAnalysis/fittedNormal``.
        case moments
        /// The least-squares Gaussian curve of ``GaussianLeastSquaresFit``.
        case leastSquares = "least squares"
    }

    /// The family.
    public var family: CountFamily
    /// How the parameters were obtained.
    public var method: Method
    /// The location: the family sits on shift, shift + 1, ...; 0 for the normal.
    public var shift: Int
    /// The parameters, named by ``CountFamily/parameterNames``.
    public var parameters: [Double]
    /// Standard errors from the inverse observed information (numerical Hessian of the
    /// log-likelihood); nil where it is not positive definite or the parameters were not fitted by ML.
    public var standardErrors: [Double?]
    /// The log-likelihood of the histogram.
    public var logLikelihood: Double
    /// Estimated parameters, the shift included when it is above 0.
    public var parameterCount: Int
    /// 2k − 2 log L.
    public var aic: Double
    /// k log n − 2 log L.
    public var bic: Double
    /// Pearson's χ² over bins pooled to ≥ 5 expected observations.
    public var chiSquare: Double
    /// Pooled bins − 1 − ``parameterCount``.
    public var degreesOfFreedom: Int
    /// P(χ²_dof ≥ statistic); nil without degrees of freedom.
    public var pValue: Double?
    /// sup_k |F_empirical(k) − F_family(k)|.
    public var kolmogorovSmirnovDistance: Double
    /// Values per bin of χ² and KS (KS then taken at the bins' upper ends) when the tested range is
    /// wider than ``StalenessHistogram/maximumExactSpan``; nil when every value was tested on its own.
    public var binWidth: Int?

    /// The label used in tables and figures, e.g. `negative-binomial` or `normal (moments)`.
    public var label: String {
        method == .maximumLikelihood ? family.rawValue : "\(family.rawValue) (\(method.rawValue))"
    }

    /// The most distinct values the likelihood sums over; see ``likelihoodPoints(_:)``.
    public static let maximumLikelihoodPoints = 2_000

    /// The (value, count) points of the likelihood: every observed value, or, when there are more
    /// than ``maximumLikelihoodPoints``, the values grouped into that many ranges of equal width,
    /// each range's count placed at its count-weighted mean value (rounded), so the fit's time does
    /// not grow with the span. The grouping keeps the mean up to rounding.
    static func likelihoodPoints(_ histogram: StalenessHistogram) -> [(value: Int, count: Double)] {
        let observed = histogram.nonZeroBins
        guard observed.count > maximumLikelihoodPoints else { return observed.map { ($0.value, Double($0.count)) } }
        let (width, _) = histogram.bins(maximumBins: maximumLikelihoodPoints)
        var points: [(value: Int, count: Double)] = []
        var index = 0
        while index < observed.count {
            let end = observed[index].value - observed[index].value % width + width
            var count = 0.0, sum = 0.0
            while index < observed.count, observed[index].value < end {
                count += Double(observed[index].count)
                sum += Double(observed[index].value) * Double(observed[index].count)
                index += 1
            }
            points.append((Int((sum / count).rounded()), count))
        }
        return points
    }

    /// Fits `family` to `histogram` by maximum likelihood (over ``likelihoodPoints(_:)``); nil when
    /// the histogram is empty or no finite likelihood is found.
    public init?(_ family: CountFamily, histogram: StalenessHistogram) {
        guard let minimum = histogram.minimum else { return nil }
        let shift = family.isShifted ? minimum : 0
        let bins = Self.likelihoodPoints(histogram).map { (j: $0.value - shift, count: $0.count) }
        let n = bins.reduce(0) { $0 + $1.count }
        let mean = bins.reduce(0) { $0 + Double($1.j) * $1.count } / n
        let variance = bins.reduce(0) { $0 + (Double($1.j) - mean) * (Double($1.j) - mean) * $1.count } / n
        func negativeLogLikelihood(_ p: [Double]) -> Double {
            guard family.isValid(p) else { return .infinity }
            var sum = 0.0
            for bin in bins { sum -= bin.count * family.logProbability(bin.j, p) }
            return sum.isNaN ? .infinity : sum
        }
        // Positive parameters are searched on a log scale; the normal's μ as it is.
        let logScaled = (0..<family.parameterNames.count).map { !(family == .normal && $0 == 0) && !(family == .logNormal && $0 == 0) }
        func natural(_ u: [Double]) -> [Double] { zip(u, logScaled).map { $1 ? exp(min($0, 50)) : $0 } }
        let start = family.start(mean: mean, variance: variance)
        let u0 = zip(start, logScaled).map { $1 ? log($0) : $0 }
        var best = NelderMeadMinimizer.minimize({ negativeLogLikelihood(natural($0)) }, start: u0,
                                                steps: u0.map { _ in 0.3 })
        // A restart from the first optimum guards against a simplex that collapsed early.
        let again = NelderMeadMinimizer.minimize({ negativeLogLikelihood(natural($0)) }, start: best.point,
                                                 steps: u0.map { _ in 0.05 })
        if again.value <= best.value { best = again }
        let parameters = natural(best.point)
        guard best.value.isFinite, best.value < .greatestFiniteMagnitude else { return nil }
        self.init(family: family, method: .maximumLikelihood, shift: shift, parameters: parameters,
                  standardErrors: Self.standardErrors(negativeLogLikelihood, at: parameters),
                  histogram: histogram, points: bins.map { ($0.j + shift, $0.count) })
    }

    /// The goodness of a fixed normal (the moment or least-squares curve) on `histogram`, with its
    /// two parameters counted as estimated. - Precondition: `histogram` is non-empty.
    public init(normal: DiscretisedNormal, method: Method, histogram: StalenessHistogram) {
        self.init(family: .normal, method: method, shift: 0, parameters: [normal.mean, max(normal.sigma, 1e-9)],
                  standardErrors: [nil, nil], histogram: histogram, points: Self.likelihoodPoints(histogram))
    }

    /// `points` are the histogram's ``likelihoodPoints(_:)``, over which the log-likelihood is summed.
    private init(family: CountFamily, method: Method, shift: Int, parameters: [Double],
                 standardErrors: [Double?], histogram: StalenessHistogram, points: [(value: Int, count: Double)]) {
        self.family = family
        self.method = method
        self.shift = shift
        self.parameters = parameters
        self.standardErrors = standardErrors
        let n = Double(histogram.total)
        logLikelihood = points.reduce(0) { $0 + $1.count * family.logProbability($1.value - shift, parameters) }
        parameterCount = parameters.count + (shift > 0 ? 1 : 0)
        aic = 2 * Double(parameterCount) - 2 * logLikelihood
        bic = Double(parameterCount) * log(n) - 2 * logLikelihood
        (chiSquare, degreesOfFreedom, pValue, kolmogorovSmirnovDistance, binWidth) =
            Self.goodness(histogram: histogram, family: family, shift: shift, parameters: parameters,
                          parameterCount: parameterCount)
    }

    /// P(X = k) for k in 0...maximum, with the mass below 0 folded into 0 and the mass above
    /// `maximum` folded into `maximum`, summing to 1.
    public func probabilities(upTo maximum: Int) -> [Double] {
        Self.probabilities(family, shift, parameters, maximum)
    }

    /// The smallest value ≥ `maximum` above which the family leaves less than 10⁻⁹ of its mass
    /// (capped at ``UpdateCountFile/maximumValue``): where sampling stops and folds the tail.
    public func upperTail(from maximum: Int) -> Int {
        if family == .normal {
            let end = min((parameters[0] + 6.1 * parameters[1]).rounded(.up), Double(UpdateCountFile.maximumValue))
            return max(maximum, end.isFinite ? Int(end) : UpdateCountFile.maximumValue)
        }
        var cumulative = 0.0
        var k = shift
        while k < UpdateCountFile.maximumValue {
            cumulative += exp(family.logProbability(k - shift, parameters))
            if k >= maximum && 1 - cumulative < 1e-9 { break }
            k += 1
        }
        return k
    }

    private static func probabilities(_ family: CountFamily, _ shift: Int, _ p: [Double], _ maximum: Int) -> [Double] {
        var result = [Double](repeating: 0, count: maximum + 1)
        var total = 0.0
        for k in max(shift, 0)...max(maximum, shift) where k <= maximum {
            let probability = exp(family.logProbability(k - shift, p))
            result[k] = probability
            total += probability
        }
        if family == .normal {
            let normal = DiscretisedNormal(mean: p[0], sigma: p[1])
            result[0] = normal.cumulative(0)
            total += result[0] - exp(family.logProbability(0, p))
        }
        result[maximum] += max(0, 1 - total)
        return result
    }

    /// Standard errors from the inverse of the numerical Hessian of `f` (the negative log-likelihood).
    private static func standardErrors(_ f: ([Double]) -> Double, at x: [Double]) -> [Double?] {
        let n = x.count
        let h = x.map { 1e-4 * max(abs($0), 1e-2) }
        func at(_ i: Int, _ di: Double, _ j: Int, _ dj: Double) -> Double {
            var y = x
            y[i] += di * h[i]
            y[j] += dj * h[j]
            return f(y)
        }
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        let f0 = f(x)
        for i in 0..<n {
            hessian[i][i] = (at(i, 1, i, 0) - 2 * f0 + at(i, -1, i, 0)) / (h[i] * h[i])
            for j in 0..<i {
                let value = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i] * h[j])
                hessian[i][j] = value
                hessian[j][i] = value
            }
        }
        let variances: [Double]
        switch n {
        case 1: variances = [1 / hessian[0][0]]
        default:
            let det = hessian[0][0] * hessian[1][1] - hessian[0][1] * hessian[1][0]
            variances = det > 0 ? [hessian[1][1] / det, hessian[0][0] / det] : [-1, -1]
        }
        return variances.map { $0 > 0 && $0.isFinite ? $0.squareRoot() : nil }
    }

    /// P(a ≤ X ≤ b) for values a ≤ b (the shift included).
    public func mass(from a: Int, through b: Int) -> Double {
        if family == .normal { return family.mass(from: a, through: b, parameters) }
        guard b >= shift else { return 0 }
        return family.mass(from: max(a, shift) - shift, through: b - shift, parameters)
    }

    /// χ² (bins pooled to ≥ 5 expected), degrees of freedom, p-value, KS distance and the bin width
    /// (nil for 1). The tested values run from the family's first value with mass (the shift; for
    /// the normal, ⌊μ − 6σ⌋ or the smallest observed value, not below 0) to the largest observed
    /// value, the mass outside folded into the end bins; over more than
    /// ``StalenessHistogram/maximumExactSpan`` values they are binned.
    private static func goodness(histogram: StalenessHistogram, family: CountFamily, shift: Int, parameters: [Double],
                                 parameterCount: Int) -> (Double, Int, Double?, Double, Int?) {
        let n = Double(histogram.total)
        let maximum = histogram.counts.count - 1
        let lowest: Int
        if family == .normal {
            let tail = (parameters[0] - 6 * parameters[1]).rounded(.down)
            lowest = min(histogram.minimum ?? 0, tail.isFinite ? Int(min(max(tail, 0), Double(maximum))) : 0)
        } else {
            lowest = min(shift, maximum)
        }
        let width = StalenessHistogram.binWidth(span: maximum - lowest + 1, maximumBins: StalenessHistogram.maximumExactSpan)
        var pooled: [(observed: Double, expected: Double)] = []
        var pendingObserved = 0.0, pendingExpected = 0.0, cumulativeObserved = 0.0, cumulativeExpected = 0.0
        var ks = 0.0
        var start = lowest
        while start <= maximum {
            let end = min(start + width - 1, maximum)
            let observed = Double(histogram.count(from: start, through: end))
            let probability: Double = if start == lowest && end == maximum { 1 }
                else if start == lowest { family.tails(end - shift, parameters).lower }
                else if end == maximum { family.tails(start - 1 - shift, parameters).upper }
                else { family.mass(from: start - shift, through: end - shift, parameters) }
            pendingObserved += observed
            pendingExpected += n * probability
            if pendingExpected >= GoodnessOfFit.minimumExpectedCount {
                pooled.append((pendingObserved, pendingExpected))
                pendingObserved = 0
                pendingExpected = 0
            }
            cumulativeObserved += observed
            cumulativeExpected += probability
            ks = max(ks, abs(cumulativeObserved / n - min(cumulativeExpected, 1)))
            start = end + 1
        }
        if pendingExpected > 0 || pendingObserved > 0 {
            if pooled.isEmpty { pooled.append((pendingObserved, pendingExpected)) } else {
                pooled[pooled.count - 1].observed += pendingObserved
                pooled[pooled.count - 1].expected += pendingExpected
            }
        }
        var chiSquare = 0.0
        for bin in pooled where bin.expected > 0 {
            chiSquare += (bin.observed - bin.expected) * (bin.observed - bin.expected) / bin.expected
        }
        let dof = pooled.count - 1 - parameterCount
        return (chiSquare, dof, dof > 0 ? gsl_cdf_chisq_Q(chiSquare, Double(dof)) : nil, ks, width == 1 ? nil : width)
    }
}
