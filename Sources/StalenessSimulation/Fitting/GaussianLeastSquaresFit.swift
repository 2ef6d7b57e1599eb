import CGSL
import RealModule

/// A scaled Gaussian A·exp(−(k − μ)²/(2σ²)) fitted to a histogram's counts by GSL's nonlinear least
/// squares (`gsl_multifit_nlinear`, trust region with Levenberg–Marquardt steps).
///
/// The fit uses every integer from the smallest to the largest observed value (zero counts included),
/// unweighted; over more than ``maximumPoints`` values, bins of equal width instead (``binWidth``). Standard errors come from the covariance (JᵀJ)⁻¹ at the solution scaled by
/// √(χ²/dof), χ² being the residual sum of squares, as for any unweighted least-squares fit.
public struct GaussianLeastSquaresFit: Sendable, Equatable, Hashable, Codable {
    /// Fitted amplitude A (counts at the peak).
    public var amplitude: Double
    /// Standard error of ``amplitude``.
    public var amplitudeError: Double
    /// Fitted centre μ.
    public var mean: Double
    /// Standard error of ``mean``.
    public var meanError: Double
    /// Fitted width σ (> 0).
    public var sigma: Double
    /// Standard error of ``sigma``.
    public var sigmaError: Double
    /// Residual sum of squares at the solution.
    public var residualSumOfSquares: Double
    /// Number of fitted bins − 3.
    public var degreesOfFreedom: Int
    /// Solver iterations used.
    public var iterations: Int
    /// Values per fitted point when the histogram spans more than ``maximumPoints`` values (each
    /// point a bin's mean count per value, at the bin's centre); nil when every value is a point.
    public var binWidth: Int?

    /// The most points fitted: wider histograms are binned, so the fit's time does not grow with the span.
    public static let maximumPoints = 2_000

    /// The fitted curve at `k`, in counts.
    public func value(at k: Double) -> Double {
        let z = (k - mean) / sigma
        return amplitude * Double.exp(-0.5 * z * z)
    }

    /// Fits `histogram`, starting from its moments, on at most `maximumPoints` points.
    /// - Returns: nil when the histogram spans fewer than 4 distinct integers (no degrees of freedom
    ///   left) or the solver fails to converge to a finite, positive width.
    public init?(histogram: StalenessHistogram, start: SummaryStatistics, maximumPoints: Int = Self.maximumPoints) {
        guard let low = histogram.minimum, let high = histogram.maximum, high - low + 1 >= 4,
              start.standardDeviation > 0 else { return nil }
        let (width, bins) = histogram.bins(maximumBins: maximumPoints)
        let xs = bins.map { (Double($0.low) + Double($0.high)) / 2 }
        let ys = bins.map { Double($0.count) / Double($0.high - $0.low + 1) }
        let initialAmplitude = Double(start.count) / ((2 * Double.pi).squareRoot() * start.standardDeviation)
        guard var solution = Self.solve(xs: xs, ys: ys,
                                        start: [initialAmplitude, start.mean, start.standardDeviation]) else {
            return nil
        }
        solution.binWidth = width == 1 ? nil : width
        self = solution
    }

    private struct Data {
        let xs: [Double]
        let ys: [Double]
    }

    private static func solve(xs: [Double], ys: [Double], start: [Double]) -> GaussianLeastSquaresFit? {
        gsl_set_error_handler_off()
        let n = xs.count, p = 3
        var data = Data(xs: xs, ys: ys)
        return withUnsafeMutablePointer(to: &data) { dataPointer -> GaussianLeastSquaresFit? in
            var fdf = gsl_multifit_nlinear_fdf()
            fdf.f = { x, params, f in
                guard let x, let params, let f else { return Int32(GSL_EINVAL) }
                let data = params.assumingMemoryBound(to: Data.self).pointee
                let a = gsl_vector_get(x, 0), mu = gsl_vector_get(x, 1), s = gsl_vector_get(x, 2)
                for i in 0..<data.xs.count {
                    let z = (data.xs[i] - mu) / s
                    gsl_vector_set(f, i, a * Double.exp(-0.5 * z * z) - data.ys[i])
                }
                return Int32(GSL_SUCCESS)
            }
            fdf.df = { x, params, jacobian in
                guard let x, let params, let jacobian else { return Int32(GSL_EINVAL) }
                let data = params.assumingMemoryBound(to: Data.self).pointee
                let a = gsl_vector_get(x, 0), mu = gsl_vector_get(x, 1), s = gsl_vector_get(x, 2)
                for i in 0..<data.xs.count {
                    let z = (data.xs[i] - mu) / s
                    let e = Double.exp(-0.5 * z * z)
                    gsl_matrix_set(jacobian, i, 0, e)
                    gsl_matrix_set(jacobian, i, 1, a * e * z / s)
                    gsl_matrix_set(jacobian, i, 2, a * e * z * z / s)
                }
                return Int32(GSL_SUCCESS)
            }
            fdf.fvv = nil
            fdf.n = n
            fdf.p = p
            fdf.params = UnsafeMutableRawPointer(dataPointer)

            var parameters = gsl_multifit_nlinear_default_parameters()
            parameters.trs = staleness_trs_lm()
            guard let workspace = gsl_multifit_nlinear_alloc(staleness_multifit_trust(), &parameters, n, p),
                  let x0 = gsl_vector_alloc(p), let covariance = gsl_matrix_alloc(p, p) else { return nil }
            defer {
                gsl_multifit_nlinear_free(workspace)
                gsl_vector_free(x0)
                gsl_matrix_free(covariance)
            }
            for (i, value) in start.enumerated() { gsl_vector_set(x0, i, value) }
            guard gsl_multifit_nlinear_init(x0, &fdf, workspace) == Int32(GSL_SUCCESS) else { return nil }
            var info: Int32 = 0
            let status = gsl_multifit_nlinear_driver(500, 1e-10, 1e-10, 0, nil, nil, &info, workspace)
            guard status == Int32(GSL_SUCCESS),
                  gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(workspace), 0, covariance) == Int32(GSL_SUCCESS)
            else { return nil }
            let solution = gsl_multifit_nlinear_position(workspace)
            let residual = gsl_multifit_nlinear_residual(workspace)
            var rss = 0.0
            for i in 0..<n { let r = gsl_vector_get(residual, i); rss += r * r }
            let dof = n - p
            let scale = (rss / Double(dof)).squareRoot()
            func error(_ i: Int) -> Double { scale * gsl_matrix_get(covariance, i, i).squareRoot() }
            let sigma = abs(gsl_vector_get(solution, 2))
            guard sigma.isFinite, sigma > 0 else { return nil }
            return GaussianLeastSquaresFit(
                amplitude: gsl_vector_get(solution, 0), amplitudeError: error(0),
                mean: gsl_vector_get(solution, 1), meanError: error(1),
                sigma: sigma, sigmaError: error(2),
                residualSumOfSquares: rss, degreesOfFreedom: dof,
                iterations: Int(gsl_multifit_nlinear_niter(workspace)))
        }
    }

    private init(amplitude: Double, amplitudeError: Double, mean: Double, meanError: Double, sigma: Double,
                 sigmaError: Double, residualSumOfSquares: Double, degreesOfFreedom: Int, iterations: Int) {
        self.amplitude = amplitude
        self.amplitudeError = amplitudeError
        self.mean = mean
        self.meanError = meanError
        self.sigma = sigma
        self.sigmaError = sigmaError
        self.residualSumOfSquares = residualSumOfSquares
        self.degreesOfFreedom = degreesOfFreedom
        self.iterations = iterations
    }
}
