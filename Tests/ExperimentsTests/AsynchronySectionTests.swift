import Foundation
import StalenessSimulation
import Testing
@testable import Experiments
@testable import Training

@Suite("Does asynchrony pay?")
struct AsynchronySectionTests {
    static func configuration(_ algorithm: Algorithm, lr: Double, sigma: Double = 0.2,
                              base: WorkerTimeBase = .sqrt) throws -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.learningRate = lr
        c.epochs = 3
        c.delay = .emulated(try WorkerEmulation(
            workers: 4, order: .simulated(model: .normal(sigma: sigma),
                                          heterogeneity: try WorkerHeterogeneity(baseTimes: base), seed: 1),
            algorithm: algorithm))
        return c
    }

    /// Two cases (σ 0.2 and 0.5), `sync` against `async`; a plain equal-time emulated run stays in
    /// the delay-model table and out of the races.
    static func snapshot() throws -> StoreSnapshot {
        let rows = [
            // σ 0.2: async reaches 95% at 4 and 97% at 8; sync 95% at 10, never 97% (its run ends at 30).
            RaceReportTests.stored(try configuration(.sync, lr: 0.1), step: 10, accuracies: [0.1, 0.95, 0.96, 0.965]),
            RaceReportTests.stored(try configuration(.async, lr: 0.01), step: 4, accuracies: [0.1, 0.95, 0.97, 0.972]),
            RaceReportTests.stored(try configuration(.async, lr: 0.1), step: 4, accuracies: [0.1, 0.2, 0.3, 0.4]),
            // σ 0.5: sync first to every target it reaches.
            RaceReportTests.stored(try configuration(.sync, lr: 0.1, sigma: 0.5), step: 10, accuracies: [0.1, 0.97, 0.98, 0.99]),
            RaceReportTests.stored(try configuration(.async, lr: 0.1, sigma: 0.5), step: 12, accuracies: [0.1, 0.95, 0.96, 0.97]),
            RaceReportTests.stored(try configuration(.async, lr: 0.1, base: .equal), step: 1, accuracies: [0.1, 0.5, 0.6, 0.7]),
        ]
        return StoreSnapshot(runs: rows.map(\.0), epochs: rows.flatMap(\.1))
    }

    @Test func racesTheRacedRunsOnlyAndBoundsTheSpeedUpWhenSyncNeverGotThere() throws {
        let races = AsynchronySection.races(try Self.snapshot())
        #expect(races.map(\.caseName) == ["N = 4, σ = 0.2", "N = 4, σ = 0.5"])
        let first = races[0]
        #expect(first.entries.map(\.algorithm) == ["sync", "async"])
        #expect(first.entries[1].learningRate == 0.01)
        // 95%: async at 4 against sync at 10; 97%: sync's whole run took 30, async got there at 8.
        #expect(first.speedUpOverSync(target: 0).map { $0.factor == 2.5 && !$0.isLowerBound } == true)
        #expect(first.speedUpOverSync(target: 1).map { $0.factor == 30.0 / 8 && $0.isLowerBound } == true)
        #expect(first.speedUpText(target: 1) == "> 3.75×")
        #expect(first.winner(target: 2) == nil)
        #expect(races[1].winner(target: 0)?.algorithm == "sync" && races[1].speedUpOverSync(target: 0) == nil)
    }

    @Test func reportStatesTheWinnerPerCaseAndCountsTheCasesAsynchronyWins() throws {
        let snapshot = try Self.snapshot()
        let figures = AsynchronySection.figures(AsynchronySection.races(snapshot)).map(\.name)
        #expect(figures == ["asynchrony-1.svg", "asynchrony-2.svg"])
        let report = ReproductionReport.markdown(snapshot, mode: nil, figures: figures)
        #expect(report.contains("## Beyond the study: does asynchrony pay?"))
        #expect(report.contains("| N = 4, σ = 0.2 | `async` at 4 (2.50×) | `async` at 8 (> 3.75×) | nobody |"))
        #expect(report.contains("| N = 4, σ = 0.5 | `sync` at 10 | `sync` at 10 | `sync` at 20 |"))
        #expect(report.contains("- 97%: an asynchronous algorithm (`async`, `rennala`, `ringmaster`) is first in 1 of 2 cases, "
                                + "`sync` or `sync-backup` in 1, nobody reaches it in 0."))
        #expect(report.contains("![asynchrony-2.svg](asynchrony-2.svg)"))
        // The race figures are linked in their section, not among the study's figures.
        #expect(!report.contains("## Figures\n\n![asynchrony-1.svg]"))
        // The equal-time async run is a delay model, the raced runs are not.
        let delayModels = ReproductionReport.delayModelComparison(AnalyzedRun.all(snapshot))
        #expect(delayModels.count == 3)
        // A report cut to the asynchrony part has no claims 2–5 and no other beyond-the-study sections.
        let cut = ReproductionReport.markdown(snapshot, mode: .full, selection: [.asynchrony], figures: figures)
        #expect(cut.contains("Coverage: 0 of the 90 runs of the full plan (part asynchrony) are in the store."))
        #expect(!cut.contains("## Claim 2") && !cut.contains("remedies on failing SGD cases"))
        #expect(cut.contains("## Claim 1") && cut.contains("does asynchrony pay?"))
    }
}
