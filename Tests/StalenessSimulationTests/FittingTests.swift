import Foundation
import GSLRandom
@testable import StalenessSimulation
import Testing

@Suite struct FittingTests {
    /// `count` draws of N(mean, sigma²) rounded to the nearest integer.
    private func roundedNormalSample(mean: Double, sigma: Double, count: Int, seed: UInt64) -> StalenessHistogram {
        let rng = RandomGenerator(seed: seed)
        return StalenessHistogram(values: (0..<count).map { _ in Int(rng.gaussian(mean: mean, sd: sigma).rounded()) })
    }

    @Test func summaryMatchesDirectFormulas() throws {
        let values = [1, 2, 2, 3, 3, 3, 10]
        let s = try SummaryStatistics(histogram: StalenessHistogram(values: values))
        let n = Double(values.count), mean = Double(values.reduce(0, +)) / n
        let m2 = values.map { pow(Double($0) - mean, 2) }.reduce(0, +) / n
        let m3 = values.map { pow(Double($0) - mean, 3) }.reduce(0, +) / n
        let m4 = values.map { pow(Double($0) - mean, 4) }.reduce(0, +) / n
        #expect(abs(s.mean - 24.0 / 7) < 1e-12)
        #expect(abs(s.standardDeviation - m2.squareRoot()) < 1e-12)
        #expect(abs(s.skewness - m3 / pow(m2, 1.5)) < 1e-12)
        #expect(abs(s.excessKurtosis - (m4 / (m2 * m2) - 3)) < 1e-12)
        #expect(s.minimum == 1 && s.maximum == 10)
        // 7 values: the 1% and 5% quantiles are the smallest; the median is the 4th value; 99% the largest.
        #expect(s.quantiles == [1, 1, 2, 3, 3, 10, 10])
    }

    @Test func emptyHistogramIsAnError() {
        #expect(throws: FitError.emptyHistogram) { try StalenessAnalysis(histogram: StalenessHistogram(counts: [])) }
    }

    @Test func discretisedNormalMatchesErfAndSumsToOne() {
        let normal = DiscretisedNormal(mean: 12.3, sigma: 3.1)
        func phi(_ x: Double) -> Double { 0.5 * (1 + erf(x / 2.0.squareRoot())) }
        for k in [0, 5, 12, 13, 20, 25] {
            let expected = phi((Double(k) + 0.5 - 12.3) / 3.1) - phi((Double(k) - 0.5 - 12.3) / 3.1)
            #expect(abs(normal.probability(k) - expected) < 1e-12)
        }
        let vector = normal.probabilitiesOfNonNegativeValues(upTo: 40)
        #expect(abs(vector.reduce(0, +) - 1) < 1e-12)
        #expect(abs(vector[0] - phi((0.5 - 12.3) / 3.1)) < 1e-12)
    }

    @Test func fitsRecoverTheParametersOfARoundedNormal() throws {
        let (mu, sigma, n) = (40.3, 5.2, 200_000)
        let analysis = try StalenessAnalysis(histogram: roundedNormalSample(mean: mu, sigma: sigma, count: n, seed: 11))
        // Rounding adds 1/12 to the variance (Sheppard); the discretised σ removes it again.
        let standardError = sigma / Double(n).squareRoot()
        #expect(abs(analysis.normal.mean - mu) < 5 * standardError)
        #expect(abs(analysis.normal.standardDeviation - (sigma * sigma + 1.0 / 12).squareRoot()) < 0.03)
        #expect(abs(analysis.normal.discretisedSigma - sigma) < 0.03)
        let ls = try #require(analysis.leastSquares)
        #expect(abs(ls.mean - mu) < 0.05)
        #expect(abs(ls.sigma - sigma) < 0.05)
        #expect(abs(ls.amplitude - Double(n) / ((2 * Double.pi).squareRoot() * sigma)) < 0.01 * ls.amplitude)
        #expect(ls.meanError > 0 && ls.meanError < 0.05 && ls.sigmaError > 0 && ls.sigmaError < 0.05)
        // A genuine (rounded) normal passes: p is uniform under the null, so 10⁻⁴ almost never fails.
        #expect(try #require(analysis.goodnessOfFit.pValue) > 1e-4)
        #expect(analysis.goodnessOfFit.kolmogorovSmirnovDistance < 0.01)
    }

    @Test func leastSquaresRecoversAnExactGaussianCurve() throws {
        let (a, mu, sigma) = (5000.0, 30.25, 4.0)
        let counts = (0...60).map { k -> Int in Int((a * exp(-pow(Double(k) - mu, 2) / (2 * sigma * sigma))).rounded()) }
        let h = StalenessHistogram(counts: counts)
        let ls = try #require(GaussianLeastSquaresFit(histogram: h, start: try SummaryStatistics(histogram: h)))
        #expect(abs(ls.amplitude - a) < 1)
        #expect(abs(ls.mean - mu) < 1e-3)
        #expect(abs(ls.sigma - sigma) < 1e-3)
    }

    @Test func tooNarrowHistogramHasNoLeastSquaresFit() throws {
        let analysis = try StalenessAnalysis(histogram: StalenessHistogram(counts: [0, 0, 0, 500]))
        #expect(analysis.leastSquares == nil)
        #expect(analysis.goodnessOfFit.pValue == nil)
        #expect(analysis.normal.discretisedSigma == 0)
    }

    @Test func chiSquareRejectsExponentialWorkersAtSmallN() throws {
        let configuration = try SimulationConfiguration(workers: 4, model: .exponential, gradients: 100_000, seed: 2)
        let analysis = try StalenessAnalysis(histogram: StalenessSimulator.run(configuration))
        #expect(try #require(analysis.goodnessOfFit.pValue) < 1e-10)
    }
}
