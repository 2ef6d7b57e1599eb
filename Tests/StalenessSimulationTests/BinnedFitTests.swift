import Foundation
@testable import StalenessSimulation
import Testing

/// Over a span wider than `StalenessHistogram.maximumExactSpan` the fits and tests work on bins;
/// on a wide normal they must agree with the value-by-value computation and with the truth.
@Suite struct BinnedFitTests {
    /// n × P(k) of the discretised normal, rounded: a histogram whose every statistic is known.
    private func wideNormal(mean: Double, sigma: Double, total: Double) -> StalenessHistogram {
        let normal = DiscretisedNormal(mean: mean, sigma: sigma)
        let low = Int(mean - 6 * sigma), high = Int(mean + 6 * sigma)
        var counts = [Int](repeating: 0, count: high + 1)
        for k in low...high { counts[k] = Int((total * normal.probability(k)).rounded()) }
        return StalenessHistogram(counts: counts)
    }

    @Test func binnedLeastSquaresAgreesWithTheUnbinnedFit() throws {
        let histogram = wideNormal(mean: 60_000, sigma: 8_000, total: 1e8)
        #expect(histogram.span > StalenessHistogram.maximumExactSpan)
        let summary = try SummaryStatistics(histogram: histogram)
        let binned = try #require(GaussianLeastSquaresFit(histogram: histogram, start: summary))
        let exact = try #require(GaussianLeastSquaresFit(histogram: histogram, start: summary, maximumPoints: .max))
        #expect(binned.binWidth != nil && exact.binWidth == nil)
        #expect(abs(binned.mean - exact.mean) < 1e-3 * exact.sigma)
        #expect(abs(binned.sigma / exact.sigma - 1) < 1e-4)
        #expect(abs(binned.amplitude / exact.amplitude - 1) < 1e-4)
        #expect(abs(exact.mean - 60_000) < 1 && abs(exact.sigma / 8_000 - 1) < 1e-4)
    }

    @Test func binnedGoodnessOfFitAgreesWithTheUnbinnedTest() throws {
        let histogram = wideNormal(mean: 60_000, sigma: 8_000, total: 1e8)
        let normal = try StalenessAnalysis(histogram: histogram).fittedNormal
        let binned = GoodnessOfFit(histogram: histogram, normal: normal)
        let exact = GoodnessOfFit(histogram: histogram, normal: normal, maximumBins: .max)
        #expect(binned.binWidth != nil && exact.binWidth == nil)
        // Counts are the rounded expectations: neither test rejects, and KS at the bins' ends is
        // the value-by-value supremum up to the mass of one bin's rounding.
        #expect(try #require(binned.pValue) > 0.5 && (try #require(exact.pValue)) > 0.5)
        #expect(binned.kolmogorovSmirnovDistance <= exact.kolmogorovSmirnovDistance + 1e-12)
        #expect(exact.kolmogorovSmirnovDistance < 1e-4)
    }

    @Test func binnedFamilyFitsAgreeWithTheTruth() throws {
        let histogram = wideNormal(mean: 60_000, sigma: 8_000, total: 1e8)
        let analysis = try StalenessAnalysis(histogram: histogram)
        let families = FamilyComparison(histogram: histogram, analysis: analysis)
        let normal = try #require(families.fit(.normal))
        #expect(normal.binWidth != nil)
        #expect(abs(normal.parameters[0] - 60_000) < 5 && abs(normal.parameters[1] / 8_000 - 1) < 1e-3)
        #expect(normal.kolmogorovSmirnovDistance < 1e-4)
        // A bin's mass from the CDF is the sum of its values' probabilities.
        let sum = (59_000...59_099).reduce(0.0) { $0 + normal.mass(from: $1, through: $1) }
        #expect(abs(normal.mass(from: 59_000, through: 59_099) / sum - 1) < 1e-9)
    }

    /// Two values 10⁷ apart: every computation is over ~10⁴ bins, not 10⁷ values.
    @Test func twoDistantValuesAreAnalysedInBins() throws {
        var counts = [Int](repeating: 0, count: 10_000_001)
        counts[0] = 1
        counts[10_000_000] = 1
        let histogram = StalenessHistogram(counts: counts)
        let analysis = try StalenessAnalysis(histogram: histogram)
        #expect(analysis.goodnessOfFit.binWidth != nil)
        let families = FamilyComparison(histogram: histogram, analysis: analysis)
        #expect(families.fits.allSatisfy { $0.binWidth != nil })
    }

    /// A binned distribution file keeps the bins' totals and the extremes, and loads.
    @Test func binnedDistributionFileRoundTrips() throws {
        let histogram = wideNormal(mean: 60_000, sigma: 8_000, total: 1e6)
        let analysis = try StalenessAnalysis(histogram: histogram)
        let file = DistributionFile(source: "test", simulation: nil, histogram: histogram, analysis: analysis,
                                    families: FamilyComparison(histogram: histogram, analysis: analysis))
        let width = try #require(file.histogramBinWidth)
        #expect(file.histogram.count <= StalenessHistogram.maximumExactSpan)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("binned-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try file.write(to: url)
        let loaded = try DistributionFile.load(from: url)
        #expect(loaded == file)
        let spread = loaded.staleness
        #expect(spread.total == histogram.total && spread.minimum == histogram.minimum && spread.maximum == histogram.maximum)
        for bin in histogram.bins(maximumBins: StalenessHistogram.maximumExactSpan).bins.prefix(50) {
            #expect(spread.count(from: bin.low, through: bin.high) == bin.count)
        }
        #expect(width == StalenessHistogram.binWidth(span: histogram.span, maximumBins: StalenessHistogram.maximumExactSpan))
        let exact = DistributionFile(source: "test", simulation: nil, histogram: histogram, analysis: analysis,
                                     families: FamilyComparison(histogram: histogram, analysis: analysis), maximumBins: .max)
        #expect(exact.histogramBinWidth == nil && exact.staleness == histogram)
    }
}
