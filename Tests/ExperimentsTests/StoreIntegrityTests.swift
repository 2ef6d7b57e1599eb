import Foundation
import GRDB
import Testing
@testable import Experiments

/// What the results store does with files it did not write the way it expects: unreadable rows,
/// other schema versions, foreign and damaged files, and merge sources that must stay untouched.
@Suite("Store integrity")
struct StoreIntegrityTests {
    /// A store at a fresh path holding the runs of learning rates `rates` (two epochs each).
    static func store(rates: [Double]) throws -> (path: String, runs: [RunRecord]) {
        let path = TinyData.temporaryDirectory().appendingPathComponent("s.sqlite").path
        let store = try ResultsStore(path: path)
        var runs: [RunRecord] = []
        for rate in rates {
            let (run, epochs) = ResultsStoreTests.stored(ResultsStoreTests.configuration(lr: rate), accuracies: [0.1, 0.9])
            try store.record(run, epochs: epochs)
            runs.append(run)
        }
        return (path, runs)
    }

    static func execute(_ sql: String, in path: String) throws {
        try DatabaseQueue(path: path).write { try $0.execute(sql: sql) }
    }

    @Test func anUnreadableRowIsNamedAndLeftOutWithItsEpochs() throws {
        let (path, runs) = try Self.store(rates: [0.01, 0.02, 0.03])
        try Self.execute("UPDATE runs SET status = 'paused' WHERE config_hash = '\(runs[0].hash)'", in: path)
        try Self.execute("UPDATE runs SET config = '{\"learningRate\": ' WHERE config_hash = '\(runs[1].hash)'", in: path)
        try ResultsStore(path: path).replaceStalenessScan([
            StalenessScanRecord(workers: 4, sigma: 0.5, gradients: 3, mean: 1, standardDeviation: 0.5, fitMean: nil,
                                fitSigma: nil, kolmogorovSmirnov: 0.1, counts: [1, 2]),
        ])
        try Self.execute("UPDATE staleness_scan SET histogram = '[1,'", in: path)
        let snapshot = try ResultsStore(path: path).snapshot()
        #expect(snapshot.runs == [runs[2]])
        #expect(snapshot.epochs.map(\.runHash) == [runs[2].hash, runs[2].hash])
        let lines = snapshot.unreadable.map(\.description)
        #expect(lines.contains("runs row \(runs[0].hash): unknown status \"paused\" (expected done, diverged, failed); left out"))
        #expect(lines.contains { $0.hasPrefix("runs row \(runs[1].hash): its configuration") })
        #expect(lines.contains("epochs row \(runs[0].hash): 2 epoch(s) of a run that cannot be read; left out"))
        #expect(lines.contains("staleness_scan row N=4, σ=0.5: its histogram is not a JSON list of counts; left out"))
        #expect(snapshot.stalenessScan.isEmpty)
        #expect(lines.count == 5)
    }

    @Test func exportReportsTheBadRowAndExportsTheRest() throws {
        let (path, runs) = try Self.store(rates: [0.01, 0.02])
        try Self.execute("UPDATE runs SET status = 'paused' WHERE config_hash = '\(runs[0].hash)'", in: path)
        let out = TinyData.temporaryDirectory().appendingPathComponent("csv")
        let result = try CommandTests.run(["export", "--store", path, "--out", out.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: \(path): runs row \(runs[0].hash): unknown status \"paused\""))
        #expect(result.stderr.contains("exported 1 runs, 2 epochs"))
        let csv = try String(contentsOf: out.appendingPathComponent("runs.csv"), encoding: .utf8)
        #expect(csv.contains(runs[1].hash) && !csv.contains(runs[0].hash))
    }
}
