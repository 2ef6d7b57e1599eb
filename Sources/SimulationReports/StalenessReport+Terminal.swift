import Foundation
import StalenessSimulation

extension StalenessReport {
    /// A compact human-readable summary: origin, moments, quantiles, both fits and goodness of fit.
    public var terminalText: String {
        let s = analysis.summary
        var lines = ["staleness of " + caption + (simulation.map { ", seed \($0.seed)" } ?? "")]
        lines.append(String(format: "  mean %.4f   sd %.4f   skewness %.4f   excess kurtosis %.4f   min %d   max %d",
                            s.mean, s.standardDeviation, s.skewness, s.excessKurtosis, s.minimum, s.maximum))
        let quantiles = zip(SummaryStatistics.quantileLevels, s.quantiles)
            .map { String(format: "%g%% %d", $0 * 100, $1) }.joined(separator: "   ")
        lines.append("  quantiles  " + quantiles)
        lines.append(String(format: "  normal (moments/ML)      μ %.4f            σ %.4f  (discretised σ %.4f)",
                            analysis.normal.mean, analysis.normal.standardDeviation, analysis.normal.discretisedSigma))
        if let fit = analysis.leastSquares {
            lines.append(String(format: "  least-squares Gaussian   μ %.4f ± %.4f   σ %.4f ± %.4f   A %.6g ± %.3g",
                                fit.mean, fit.meanError, fit.sigma, fit.sigmaError, fit.amplitude, fit.amplitudeError))
        } else {
            lines.append("  least-squares Gaussian   not fitted (fewer than 4 distinct values)")
        }
        let g = analysis.goodnessOfFit
        let p = g.pValue.map { String(format: "%.4g", $0) } ?? "n/a"
        lines.append(String(format: "  goodness of fit          χ² %.4g (dof %d), p ", g.chiSquare, g.degreesOfFreedom) + p
                     + String(format: "   KS distance %.5f", g.kolmogorovSmirnovDistance))
        if histogram.span > StalenessHistogram.maximumExactSpan {
            let width = StalenessHistogram.binWidth(span: histogram.span, maximumBins: StalenessHistogram.maximumExactSpan)
            let fitted = analysis.leastSquares?.binWidth.map { ", the least-squares fit bins of \($0)" } ?? ""
            lines.append("  binned: the values span \(histogram.span) > \(StalenessHistogram.maximumExactSpan), so χ², KS"
                         + (exactHistogram ? "" : " and the histogram files") + " use bins of ≈\(width) values" + fitted)
        }
        return lines.joined(separator: "\n") + "\n" + families.terminalText
    }
}
