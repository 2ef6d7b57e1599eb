import Foundation
import Testing
@testable import Experiments
@testable import Training

@Suite("Reproduction report")
struct ReproductionReportTests {
    /// A run of the study's grid with the given final accuracy (percent).
    static func run(_ optimizer: OptimizerKind, lr: Double, batch: Int = 64, delay: Int, accuracy: Double) -> (RunRecord, [EpochRecord]) {
        var c = TrainingConfiguration()
        c.optimizer = OptimizerSettings(kind: optimizer)
        c.learningRate = lr
        c.batchSize = batch
        c.delay = delay == 0 ? .none : .constant(delay: delay, flushAtEnd: false)
        return ResultsStoreTests.stored(c, accuracies: [0.1, accuracy / 100])
    }

    static func snapshot(_ rows: [(RunRecord, [EpochRecord])], scan: [StalenessScanRecord] = []) -> StoreSnapshot {
        StoreSnapshot(runs: rows.map(\.0), epochs: rows.flatMap(\.1), stalenessScan: scan)
    }

    /// Best accuracies per delay for SGD and Adam, at lr 10⁻³, batch 64.
    static func optimizerStore(sgd: [Int: Double], adam: [Int: Double]) -> StoreSnapshot {
        snapshot(sgd.map { run(.sgd, lr: 0.001, delay: $0.key, accuracy: $0.value) }
                 + adam.map { run(.adam, lr: 0.001, delay: $0.key, accuracy: $0.value) })
    }

    @Test func claim4ReproducedWhenSGDFailsAndAdamMatches() {
        let store = Self.optimizerStore(sgd: [0: 98, 32: 97.5, 128: 80, 256: 40], adam: [0: 98.3, 32: 98.2, 128: 98.0, 256: 97.9])
        let claim = StudyClaims.optimizers(AccuracyCell.cells(AnalyzedRun.all(store)))
        #expect(claim.verdict == .reproduced)
        #expect(claim.measured.contains { $0.contains("98.20% (lr 10^-3, batch 64)") && $0.contains("98.21%") })
    }

    @Test func claim4PartlyWhenAdamFallsBehindAtDelay256() {
        let store = Self.optimizerStore(sgd: [0: 98, 128: 80], adam: [0: 98.3, 32: 98.2, 256: 90])
        #expect(StudyClaims.optimizers(AccuracyCell.cells(AnalyzedRun.all(store))).verdict == .partly)
    }

    @Test func claim4NotReproducedWhenSGDCopesAndAdamFails() {
        let store = Self.optimizerStore(sgd: [0: 98, 64: 97.9, 256: 97.5], adam: [0: 98.3, 256: 60])
        #expect(StudyClaims.optimizers(AccuracyCell.cells(AnalyzedRun.all(store))).verdict == .notReproduced)
    }

    @Test func reportStatesHowMuchOfThePlanTheStoreHolds() throws {
        let planned = try ReproductionPlan(mode: .quick).configurations()
        let partial = Self.snapshot(planned.prefix(2).map { ResultsStoreTests.stored($0, accuracies: [0.1, 0.5]) })
        let report = ReproductionReport.markdown(partial, mode: .quick, figures: [])
        // Quick plan: 2 optimizers × 7 lrs × 3 batches × 5 delays = 210 study runs, 4 warm-up runs, and 4 + 4
        // delay-model and remedy runs that are not already study runs.
        #expect(report.contains("Coverage: 2 of the 222 runs of the quick plan are in the store."))
        #expect(report.contains("**Partial store.**"))
        let complete = Self.snapshot(planned.map { ResultsStoreTests.stored($0, accuracies: [0.1, 0.5]) })
        #expect(!ReproductionReport.markdown(complete, mode: .quick, figures: []).contains("Partial store"))
    }

    @Test func emptyStoreMeasuresNothing() {
        let report = ReproductionReport.markdown(StoreSnapshot(runs: [], epochs: []), mode: .quick, figures: [])
        // Five claims, each in the summary table and in its own section.
        #expect(report.components(separatedBy: "**not measured**").count - 1 == 10)
    }

    @Test func claim1FromTheScan() {
        func row(_ n: Int, mean: Double, ks: Double) -> StalenessScanRecord {
            StalenessScanRecord(workers: n, sigma: 0.2, gradients: 1000, mean: mean, standardDeviation: 3, fitMean: mean,
                                fitSigma: 3, kolmogorovSmirnov: ks, counts: [1, 2, 1])
        }
        #expect(StudyClaims.staleness([row(8, mean: 7.1, ks: 0.01), row(32, mean: 30.8, ks: 0.02)]).verdict == .reproduced)
        #expect(StudyClaims.staleness([row(8, mean: 4, ks: 0.01), row(32, mean: 30.8, ks: 0.02)]).verdict == .partly)
        #expect(StudyClaims.staleness([row(32, mean: 10, ks: 0.3)]).verdict == .notReproduced)
    }

    @Test func claim3CurvesCollapseEarlierForLargerDelays() {
        // Rises to a peak then collapses; the collapse moves to smaller lr as the delay grows.
        let lrs = [0.0001, 0.001, 0.01, 0.1]
        let curves: [Int: [Double]] = [0: [90, 95, 97, 96], 32: [90, 95, 96, 40], 128: [90, 94, 30, 10]]
        let rows = curves.flatMap { delay, accuracies in
            zip(lrs, accuracies).map { Self.run(.sgd, lr: $0, delay: delay, accuracy: $1) }
        }
        let claim = StudyClaims.learningRateCurves(AccuracyCell.cells(AnalyzedRun.all(Self.snapshot(rows))))
        // 2 of 3 curves collapse (sync does not); both neighbouring pairs are ordered.
        #expect(claim.verdict == .reproduced)
    }

    @Test func reportIsAPureFunctionOfTheStore() {
        let store = Self.optimizerStore(sgd: [0: 98, 128: 80], adam: [0: 98.3, 128: 98.1])
        let a = ReproductionReport.markdown(store, mode: .full, figures: ["staleness.svg"])
        #expect(a == ReproductionReport.markdown(store, mode: .full, figures: ["staleness.svg"]))
        #expect(a.contains("![staleness.svg](staleness.svg)"))
        #expect(a.contains("Mode: **full**"))
    }

    @Test func verdictCombination() {
        #expect(Verdict.combining([true, true]) == .reproduced)
        #expect(Verdict.combining([true, nil]) == .partly)
        #expect(Verdict.combining([true, false]) == .partly)
        #expect(Verdict.combining([false, nil]) == .notReproduced)
        #expect(Verdict.combining([nil, nil]) == .notMeasured)
    }
}
