import Foundation
import Testing
@testable import Experiments
@testable import Training

@Suite("Sweep runner", .serialized)
struct SweepRunnerTests {
    static func quietProgress(_ runs: Int, _ epochs: Int) -> SweepProgress {
        SweepProgress(runs: runs, epochs: epochs, isTerminal: false, write: { _ in })
    }

    @Test func resumingRunsOnlyWhatIsMissing() async throws {
        let all = try TinyData.grid()
        #expect(all.count == 8)
        try await TinyData.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("s.sqlite").path
            let store = try ResultsStore(path: path)
            let data = TinyData.cache(for: all)
            let firstHalf = Shard.all.slice(Array(all.prefix(3)))
            let first = try await SweepRunner(jobs: 2).run(firstHalf, data: data, store: store, makeProgress: Self.quietProgress)
            #expect(first.done + first.diverged == 3 && first.skipped == 0)
            let before = try store.runs()
            let second = try await SweepRunner(jobs: 2).run(all, data: data, store: store, makeProgress: Self.quietProgress)
            #expect(second.skipped == 3)
            #expect(second.done + second.diverged + second.failed == 5)
            let after = try store.runs()
            #expect(Set(after.map(\.hash)) == Set(all.map(ConfigurationHash.of)))
            #expect(after.count == 8)
            for run in before { #expect(after.contains(run)) }
            // Two epochs rows (0 and 1) per measured run.
            #expect(try store.epochs().count == 16)
            let third = try await SweepRunner(jobs: 2).run(all, data: data, store: store, makeProgress: Self.quietProgress)
            #expect(third.skipped == 8 && third.done == 0)
        }
    }

    @Test func sameConfigurationSameNumbers() async throws {
        let c = try Array(TinyData.grid().prefix(1))
        var accuracies: [Double?] = []
        for _ in 0..<2 {
            try await TinyData.withTemporaryDirectory { directory in
                let store = try ResultsStore(path: directory.appendingPathComponent("s.sqlite").path)
                _ = try await SweepRunner(jobs: 1).run(c, data: TinyData.cache(for: c), store: store, makeProgress: Self.quietProgress)
                accuracies.append(try store.runs().first?.finalTestAccuracy)
            }
        }
        #expect(accuracies[0] != nil && accuracies[0] == accuracies[1])
    }

    @Test func aRunThatCannotStartIsStoredAsFailedAndTheSweepGoesOn() async throws {
        var grid = SweepGrid()
        try grid.set(.batch, to: "20,500")  // the tiny set has 120 training examples
        let configurations = try grid.configurations()
        try await TinyData.withTemporaryDirectory { directory in
            let store = try ResultsStore(path: directory.appendingPathComponent("s.sqlite").path)
            let outcome = try await SweepRunner(jobs: 2).run(configurations, data: TinyData.cache(for: configurations),
                                                             store: store, makeProgress: Self.quietProgress)
            #expect(outcome.failed == 1 && outcome.done + outcome.diverged == 1)
            let failed = try store.runs().first { $0.status == .failed }
            #expect(failed?.batchSize == 500)
            #expect(failed?.error?.contains("batch size 500") == true)
            #expect(try store.deleteFailedRuns() == 1)
        }
    }
}
