import Testing
@testable import Experiments
@testable import Training

@Suite("Seeds in verdicts")
struct SeedVerdictTests {
    /// mean 2, s = 1, t₀.₉₇₅ with 2 degrees of freedom = 4.302652729911275 (tables) ⇒ half-width 4.3027/√3.
    @Test func tIntervalMatchesTheTableValue() {
        let summary = SeedSummary([1, 2, 3])
        #expect(summary.mean == 2)
        #expect(abs(summary.standardDeviation - 1) < 1e-12)
        #expect(abs(summary.halfWidth95! - 4.302652729911275 / 3.0.squareRoot()) < 1e-9)
        #expect(summary.percentText == "2.00% ± 2.48 (3 seeds: 1.00–3.00)")
        #expect(SeedSummary([97.5]).halfWidth95 == nil)
        #expect(SeedSummary([97.5]).percentText == "97.50%")
    }

    /// Two of three seeds (⌈2/3 · 3⌉) must reproduce a claim on their own.
    @Test func reproducedNeedsTwoThirdsOfTheSeeds() {
        let two = SeedAgreement(onMeans: .reproduced, bySeed: [(1, .reproduced), (2, .partly), (3, .reproduced)])
        #expect(two.requiredSeeds == 2 && two.verdict == .reproduced && two.agreeingSeeds == 2)
        let one = SeedAgreement(onMeans: .reproduced, bySeed: [(1, .reproduced), (2, .partly), (3, .notReproduced)])
        #expect(one.verdict == .partly && one.agreeingSeeds == 1)
        #expect(SeedAgreement(onMeans: .notReproduced, bySeed: [(1, .reproduced), (2, .reproduced)]).verdict == .notReproduced)
        #expect(SeedAgreement(onMeans: .reproduced, bySeed: [(1, .partly)]).verdict == .reproduced)
    }

    static func run(_ optimizer: OptimizerKind, delay: Int, seed: UInt64, accuracy: Double) -> (RunRecord, [EpochRecord]) {
        var c = TrainingConfiguration()
        c.optimizer = OptimizerSettings(kind: optimizer)
        c.learningRate = 0.001
        c.batchSize = 64
        c.seed = seed
        c.delay = delay == 0 ? .none : .constant(delay: delay, flushAtEnd: false)
        return ResultsStoreTests.stored(c, accuracies: [0.1, accuracy / 100])
    }

    /// Claim 4 holds on the means of three seeds, but seeds 2 and 3 alone see Adam fall behind at delay 256
    /// (seed 1's 99.9% carries the mean): the report lowers the verdict to partly and says 1 of 3.
    @Test func oneLuckySeedDoesNotMakeAClaimReproduced() {
        var rows: [(RunRecord, [EpochRecord])] = []
        let adam256: [UInt64: Double] = [1: 99.9, 2: 97.0, 3: 97.1]
        for seed: UInt64 in 1...3 {
            rows.append(Self.run(.sgd, delay: 0, seed: seed, accuracy: 98))
            rows.append(Self.run(.sgd, delay: 128, seed: seed, accuracy: 60))
            rows.append(Self.run(.adam, delay: 0, seed: seed, accuracy: 98.3))
            rows.append(Self.run(.adam, delay: 256, seed: seed, accuracy: adam256[seed]!))
        }
        let snapshot = StoreSnapshot(runs: rows.map(\.0), epochs: rows.flatMap(\.1))
        let means = StudyClaims.optimizers(AccuracyCell.cells(AnalyzedRun.all(snapshot)))
        #expect(means.verdict == .reproduced)  // mean at delay 256: 98.0 ≥ 98.3 − 1
        #expect(means.measured.contains { $0.contains("98.00% ± ") && $0.contains("3 seeds: 97.00–99.90") })
        let report = ReproductionReport.markdown(snapshot, mode: nil, figures: [])
        #expect(report.contains("| 4 | SGD cannot cope past delay ≈ 32; tuned Adam matches the synchronous baseline up to delay 256 | **partly reproduced** | 1 of 3 |"))
        #expect(report.contains("seed 1: reproduced, seed 2: partly reproduced, seed 3: partly reproduced"))
        #expect(report.contains("Student-t interval"))
    }

    /// Claim 5 pairs each warm-up run with the constant-lr run of its seed and averages the gains
    /// over seeds: early gains +4, +2, −3 points (mean +1) and final gains 0, 0, +3 (mean +1) give one
    /// cell that fails on its means (final ≥ 0.5) although seeds 1 and 2 support the claim alone.
    @Test func warmupGainsAreAveragedOverSeeds() {
        func run(seed: UInt64, schedule: LearningRateSchedule, accuracies: [Double]) -> (RunRecord, [EpochRecord]) {
            var c = TrainingConfiguration()
            c.learningRate = 0.001
            c.seed = seed
            c.delay = .constant(delay: 32, flushAtEnd: false)
            c.schedule = schedule
            return ResultsStoreTests.stored(c, accuracies: accuracies)
        }
        let early: [UInt64: Double] = [1: 0.04, 2: 0.02, 3: -0.03], final: [UInt64: Double] = [1: 0, 2: 0, 3: 0.03]
        var rows: [(RunRecord, [EpochRecord])] = []
        for seed: UInt64 in 1...3 {
            rows.append(run(seed: seed, schedule: .constant, accuracies: [0.1, 0.5, 0.9]))
            rows.append(run(seed: seed, schedule: .gradual(warmupEpochs: 1),
                            accuracies: [0.1, 0.5 + early[seed]!, 0.9 + final[seed]!]))
        }
        let snapshot = StoreSnapshot(runs: rows.map(\.0), epochs: rows.flatMap(\.1))
        let claim = StudyClaims.warmup(AnalyzedRun.all(snapshot))
        let row = claim.measured.first { $0.hasPrefix("| gradual (1 epochs)") }
        #expect(row?.contains("| +1.00 ± ") == true)
        #expect(row?.contains("3 seeds: -3.00…+4.00") == true)
        #expect(row?.contains("3 seeds: +0.00…+3.00") == true)
        #expect(row?.hasSuffix("| 2 of 3 |") == true)
        #expect(claim.measured.filter { $0.hasPrefix("| gradual") }.count == 1)
        #expect(claim.verdict == .notReproduced)
    }

    /// Every configuration of a K-seed plan appears once per seed 1…K.
    @Test func seedsMultiplyThePlan() throws {
        let one = try ReproductionPlan(mode: .smoke).configurations()
        let three = try ReproductionPlan(mode: .smoke, seeds: 3).configurations()
        #expect(three.count == 3 * one.count)
        #expect(Set(three.map(\.seed)) == [1, 2, 3])
        #expect(throws: SweepError.self) { try ReproductionPlan.validateSeeds(0) }
        #expect(throws: SweepError.self) { try ReproductionPlan.validateSeeds(101) }
    }
}

@Suite("Seed bands in figures")
struct SeedBandFigureTests {
    /// Three seeds per cell: figures 2 and 3 draw a band (an SVG polygon) around each mean line; with
    /// one seed there is none, and the band's bounds are the t interval around the mean.
    @Test func bandsAppearWithSeveralSeedsOnly() {
        func snapshot(seeds: [UInt64]) -> StoreSnapshot {
            var rows: [(RunRecord, [EpochRecord])] = []
            for seed in seeds {
                for lr in [0.001, 0.01] {
                    var c = TrainingConfiguration()
                    c.learningRate = lr
                    c.seed = seed
                    c.delay = .constant(delay: 32, flushAtEnd: false)
                    rows.append(ResultsStoreTests.stored(c, accuracies: [0.1, 0.5 + 0.01 * Double(seed), 0.9 + 0.01 * Double(seed)]))
                }
            }
            return StoreSnapshot(runs: rows.map(\.0), epochs: rows.flatMap(\.1))
        }
        let three = snapshot(seeds: [1, 2, 3]), one = snapshot(seeds: [1])
        let cells = AccuracyCell.cells(AnalyzedRun.all(three))
        #expect(ExperimentFigures.accuracyVersusLearningRate(cells, optimizer: "sgd").text.contains("<polygon"))
        #expect(ExperimentFigures.accuracyVersusEpoch(AnalyzedRun.all(three))!.text.contains("<polygon"))
        #expect(ExperimentFigures.accuracyVersusEpoch(AnalyzedRun.all(three))!.text.contains("3 seeds"))
        #expect(!ExperimentFigures.accuracyVersusEpoch(AnalyzedRun.all(one))!.text.contains("<polygon"))
        let band = ExperimentFigures.band([(0, SeedSummary([91, 92, 93]))], color: "#000")!
        let h = 4.302652729911275 / 3.0.squareRoot()
        #expect(abs(band.points[0].lower - (92 - h)) < 1e-9 && abs(band.points[0].upper - (92 + h)) < 1e-9)
    }
}
