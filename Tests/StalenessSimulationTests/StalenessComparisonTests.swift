import Foundation
import SimulationReports
@testable import StalenessSimulation
import Testing

@Suite struct StalenessComparisonTests {
    private func source(_ values: [Int], _ name: String) -> StalenessSource {
        StalenessSource(path: name, kind: .log, detail: "log", histogram: StalenessHistogram(values: values))
    }

    /// A = {0, 1, 1, 2}, B = {1, 2, 2, 3}: F_A − F_B = ¼, ½, ¼, 0 at 0…3, so KS = ½ and W1 = 1; B is
    /// A shifted by one, so the means differ by 1, the sds not at all, every quantile by 1. The p-value
    /// is Q_KS((√2 + 0.12 + 0.11/√2)·½) with Q_KS from SciPy (`scipy.special.kolmogorov`).
    @Test func aShiftByOneHasItsHandComputedDistances() throws {
        let comparison = try StalenessComparison(sources: [source([0, 1, 1, 2], "a"), source([1, 2, 2, 3], "b")])
        let pair = try #require(comparison.pairs.first)
        #expect(comparison.pairs.count == 1 && pair.first == 0 && pair.second == 1)
        #expect(abs(pair.kolmogorovSmirnov - 0.5) < 1e-15)
        #expect(abs(pair.wasserstein1 - 1) < 1e-15)
        #expect(abs(pair.meanDifference - 1) < 1e-15)
        #expect(abs(pair.standardDeviationDifference) < 1e-15)
        #expect(pair.quantileDifferences == [Int](repeating: 1, count: SummaryStatistics.quantileLevels.count))
        #expect(abs(pair.pValue - 0.5344157192165071) < 1e-9)
    }

    /// {0, 0, 0, 5} against {5}: F differs by ¾ on 0…4 and not at 5, so KS = ¾ and W1 = 5·¾.
    /// Identical sources are at distance 0 with p-value 1. Three sources make three pairs, in order.
    @Test func unequalSizesAndIdenticalSources() throws {
        let comparison = try StalenessComparison(sources: [source([0, 0, 0, 5], "a"), source([5], "b"), source([5], "c")])
        #expect(comparison.pairs.map { [$0.first, $0.second] } == [[0, 1], [0, 2], [1, 2]])
        #expect(abs(comparison.pairs[0].kolmogorovSmirnov - 0.75) < 1e-15)
        #expect(abs(comparison.pairs[0].wasserstein1 - 3.75) < 1e-15)
        #expect(abs(comparison.pairs[0].meanDifference - 3.75) < 1e-15)
        #expect(comparison.pairs[2].kolmogorovSmirnov == 0 && comparison.pairs[2].wasserstein1 == 0)
        #expect(comparison.pairs[2].pValue == 1)
        #expect(comparison.sourceTable.rows.count == 3 && comparison.pairTable.rows.count == 3)
    }

    /// Q_KS from its two series agrees where both converge, and matches SciPy's
    /// `scipy.special.kolmogorov` (Q(1.3581) ≈ 0.05 is the textbook 5% critical value).
    @Test func kolmogorovSurvivalMatchesBothSeriesAndSciPy() {
        for lambda in stride(from: 0.6, through: 1.6, by: 0.1) {
            let small = 1 - StalenessComparison.smallLambdaSeries(lambda)
            let large = StalenessComparison.largeLambdaSeries(lambda)
            #expect(abs(small - large) < 1e-12, "λ = \(lambda): \(small) vs \(large)")
        }
        for (lambda, q) in [(0.5, 0.9639452436648751), (1.0, 0.26999967167735456), (1.3581, 0.0499996304316674)] {
            #expect(abs(StalenessComparison.kolmogorovSurvival(lambda) - q) < 1e-10)
        }
        #expect(StalenessComparison.kolmogorovSurvival(0) == 1)
        #expect(StalenessComparison.kolmogorovSurvival(10) < 1e-80)
    }

    /// Each kind of source is recognised by its content and yields its staleness values: a log
    /// (columns pooled), a trace (its staleness column only), a distribution file (its histogram)
    /// and a calibration file (its calibrated simulator rerun as calibrated).
    @Test func recognisesEachKindOfSource() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ text: String, _ name: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let log = try StalenessSource.load(path: write("3 4 5\n4 5 4\n", "log.txt"))
        #expect(log.kind == .log && log.histogram.counts == [0, 0, 0, 1, 3, 2])
        let trace = try StalenessSource.load(path: write("arrival,worker,staleness\n40,1,3\n41,0,2\n", "trace.csv"))
        #expect(trace.kind == .trace && trace.histogram.counts == [0, 0, 1, 1])

        let configuration = try SimulationConfiguration(workers: 4, model: .gamma(sigma: 0.3), gradients: 5_000, seed: 2)
        let report = try StalenessReport(run: SimulationRun.perform(configuration), sigma: 0.3)
        let files = try report.write(to: directory)
        let distribution = try StalenessSource.load(path: files[0].path)
        #expect(distribution.kind == .distribution && distribution.histogram == report.histogram)

        let calibration = try ClusterCalibration(log: report.histogram, source: "log", workers: 4, models: ["gamma"],
                                                 gradients: 5_000, repeats: 0)
        let url = directory.appendingPathComponent("calibration.json")
        try calibration.write(to: url)
        let calibrated = try StalenessSource.load(path: url.path)
        #expect(calibrated.kind == .calibration)
        #expect(calibrated.histogram == StalenessSimulator.run(try calibration.simulation()))
        #expect(calibrated.histogram.total == 5_000)
    }
}
