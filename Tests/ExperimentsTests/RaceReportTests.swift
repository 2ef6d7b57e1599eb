import Foundation
import Testing
@testable import Experiments
@testable import Training

@Suite("Race report")
struct RaceReportTests {
    static func configuration(_ algorithm: Algorithm, lr: Double, workers: Int = 4) throws -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.learningRate = lr
        c.epochs = 3
        c.delay = .emulated(try WorkerEmulation(
            workers: workers, order: .simulated(model: .normal(sigma: 0.2), heterogeneity: .none, seed: 1),
            algorithm: algorithm))
        return c
    }

    /// A run whose epoch e ends at simulated time `step · e` with the given accuracies.
    static func stored(_ c: TrainingConfiguration, step: Double, accuracies: [Double], discarded: Int = 0)
        -> (RunRecord, [EpochRecord])
    {
        let hash = ConfigurationHash.of(c)
        let run = RunRecord(configuration: c, status: .done, finalTestAccuracy: accuracies.last,
                            bestTestAccuracy: accuracies.max(), divergedStep: nil, seconds: 1, error: nil)
        let epochs = accuracies.enumerated().map { epoch, accuracy in
            var metrics = EpochMetrics(epoch: epoch, testLoss: 0.1, testAccuracy: accuracy, updates: 10, seconds: 1)
            metrics.clock = epoch == 0 ? .start : ClockReading(
                time: step * Double(epoch), computed: 10 + discarded, applied: 10, discarded: discarded,
                idleFraction: 0.25, meanStaleness: 2)
            return EpochRecord(runHash: hash, metrics: metrics)
        }
        return (run, epochs)
    }

    @Test func picksEachAlgorithmsLearningRateByTimeToTheHighestTarget() throws {
        let rows = [
            Self.stored(try Self.configuration(.sync, lr: 0.1), step: 10, accuracies: [0.1, 0.96, 0.975, 0.985]),
            Self.stored(try Self.configuration(.sync, lr: 0.2), step: 10, accuracies: [0.1, 0.97, 0.98, 0.981]),
            Self.stored(try Self.configuration(.async, lr: 0.1), step: 4, accuracies: [0.1, 0.97, 0.975, 0.979],
                        discarded: 2),
            Self.stored(try Self.configuration(.async, lr: 0.1, workers: 8), step: 1, accuracies: [0.1, 0.5, 0.6, 0.7]),
        ]
        let reports = RaceReport.build(runs: rows.map(\.0), epochs: rows.flatMap(\.1), targets: [0.97, 0.98])
        #expect(reports.count == 2)
        let race = try #require(reports.first)
        #expect(race.entries.map(\.algorithm) == ["sync", "async"])
        // lr 0.1 reaches 98% at 30, lr 0.2 at 20: the highest target decides, despite lr 0.1's better end.
        #expect(race.entries[0].learningRate == 0.2)
        #expect(race.entries[0].learningRatesTried == [0.1, 0.2])
        #expect(race.entries[0].timeToTarget == [10, 20])
        #expect(race.entries[1].timeToTarget == [4, nil])
        #expect(race.entries[1].computed == 36 && race.entries[1].discarded == 6)
        #expect(race.entries[1].meanStaleness == 2 && race.entries[1].idleFraction == 0.25)
        let first = try #require(race.winner(target: 0))
        #expect(first.algorithm == "async" && first.time == 4 && first.speedUp == 2.5)
        #expect(race.winner(target: 1)?.algorithm == "sync")
        #expect(race.markdown.contains("2.50× faster than `sync`"))
        #expect(race.figure().text.contains("<svg"))
    }
}
