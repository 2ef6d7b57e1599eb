import Foundation
import GRDB
import Testing
@testable import Experiments
@testable import Training

@Suite("Results store")
struct ResultsStoreTests {
    static func configuration(lr: Double, delay: Int = 0, seed: UInt64 = 1) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.learningRate = lr
        c.delay = .constant(delay: delay, flushAtEnd: false)
        c.seed = seed
        c.epochs = 2
        return c
    }

    static func metrics(_ epoch: Int, accuracy: Double) -> EpochMetrics {
        EpochMetrics(epoch: epoch, trainLoss: epoch == 0 ? nil : 0.5, trainAccuracy: epoch == 0 ? nil : accuracy,
                     testLoss: 0.4, testAccuracy: accuracy, learningRate: epoch == 0 ? nil : 0.01, updates: epoch * 10,
                     seconds: 1.5)
    }

    static func stored(_ c: TrainingConfiguration, accuracies: [Double], seconds: Double = 3) -> (RunRecord, [EpochRecord]) {
        let hash = ConfigurationHash.of(c)
        let run = RunRecord(configuration: c, status: .done, finalTestAccuracy: accuracies.last,
                            bestTestAccuracy: accuracies.max(), divergedStep: nil, seconds: seconds, error: nil)
        return (run, accuracies.enumerated().map { EpochRecord(runHash: hash, metrics: metrics($0.offset, accuracy: $0.element)) })
    }

    @Test func roundTrip() throws {
        try TinyData.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("s.sqlite").path
            let store = try ResultsStore(path: path)
            let (run, epochs) = Self.stored(Self.configuration(lr: 0.01, delay: 32), accuracies: [0.1, 0.8, 0.9])
            try store.record(run, epochs: epochs)
            let reopened = try ResultsStore(path: path)
            #expect(try reopened.runs() == [run])
            #expect(try reopened.epochs() == epochs)
            #expect(run.delay == "delay32" && run.delayMean == 32 && run.learningRate == 0.01 && run.remedies == "none")
            #expect(try reopened.storedHashes() == [run.hash])
            // A run stored twice (two sweeps that both ran it) keeps the first.
            var again = run
            again.seconds = 99
            #expect(try reopened.record(again, epochs: epochs) == false)
            #expect(try reopened.runs() == [run])
            let mode = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
    }

    @Test func mergeAcceptsIdenticalDuplicatesAndNewRuns() throws {
        try TinyData.withTemporaryDirectory { directory in
            let a = try ResultsStore(path: directory.appendingPathComponent("a.sqlite").path)
            let b = try ResultsStore(path: directory.appendingPathComponent("b.sqlite").path)
            let shared = Self.stored(Self.configuration(lr: 0.01), accuracies: [0.1, 0.9])
            let onlyB = Self.stored(Self.configuration(lr: 0.02), accuracies: [0.1, 0.7])
            try a.record(shared.0, epochs: shared.1)
            // The same run measured on another machine: same numbers, different time.
            let again = Self.stored(Self.configuration(lr: 0.01), accuracies: [0.1, 0.9], seconds: 99)
            try b.record(again.0, epochs: again.1)
            try b.record(onlyB.0, epochs: onlyB.1)
            let into = try ResultsStore(path: directory.appendingPathComponent("c.sqlite").path)
            let added = try into.merge([a.snapshot(), b.snapshot()], names: ["a", "b"])
            #expect(added == 2)
            #expect(Set(try into.runs().map(\.hash)) == [shared.0.hash, onlyB.0.hash])
            #expect(try into.epochs().count == 4)
        }
    }

    @Test func mergeRefusesConflictsAndWritesNothing() throws {
        try TinyData.withTemporaryDirectory { directory in
            let a = try ResultsStore(path: directory.appendingPathComponent("a.sqlite").path)
            let b = try ResultsStore(path: directory.appendingPathComponent("b.sqlite").path)
            let first = Self.stored(Self.configuration(lr: 0.01), accuracies: [0.1, 0.9])
            let different = Self.stored(Self.configuration(lr: 0.01), accuracies: [0.1, 0.85])
            let extra = Self.stored(Self.configuration(lr: 0.03), accuracies: [0.1, 0.5])
            try a.record(first.0, epochs: first.1)
            try b.record(extra.0, epochs: extra.1)
            try b.record(different.0, epochs: different.1)
            let into = try ResultsStore(path: directory.appendingPathComponent("c.sqlite").path)
            #expect(throws: StoreError.conflict(hash: first.0.hash, runName: first.0.runName, source: "b")) {
                try into.merge([a.snapshot(), b.snapshot()], names: ["a", "b"])
            }
            #expect(try into.runs().isEmpty)
        }
    }

    @Test func aMeasuredRunReplacesAFailedOneOnMerge() throws {
        try TinyData.withTemporaryDirectory { directory in
            let a = try ResultsStore(path: directory.appendingPathComponent("a.sqlite").path)
            let c = Self.configuration(lr: 0.01)
            try a.record(RunRecord(configuration: c, failure: "out of memory", seconds: 1), epochs: [])
            let measured = Self.stored(c, accuracies: [0.1, 0.9])
            try a.merge([StoreSnapshot(runs: [measured.0], epochs: measured.1)], names: ["b"])
            #expect(try a.runs() == [measured.0])
        }
    }
}
