import Foundation
import Testing
@testable import Experiments

/// The sweep-related commands through the built executable: messages and exit statuses.
@Suite("Experiment commands")
struct CommandTests {
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = KillResumeTests.executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func mergeRefusesConflictsWithAClearMessage() throws {
        try TinyData.withTemporaryDirectory { directory in
            let a = directory.appendingPathComponent("a.sqlite").path, b = directory.appendingPathComponent("b.sqlite").path
            let c = ResultsStoreTests.configuration(lr: 0.01)
            let first = ResultsStoreTests.stored(c, accuracies: [0.1, 0.9]), second = ResultsStoreTests.stored(c, accuracies: [0.1, 0.8])
            try ResultsStore(path: a).record(first.0, epochs: first.1)
            try ResultsStore(path: b).record(second.0, epochs: second.1)
            let into = directory.appendingPathComponent("c.sqlite").path
            let result = try Self.run(["merge", a, b, "--into", into])
            #expect(result.status != 0)
            #expect(result.stderr.contains("conflicting results for run \(first.0.runName)"))
            #expect(try ResultsStore(path: into).runs().isEmpty)
            let identical = try Self.run(["merge", a, a, "--into", into])
            #expect(identical.status == 0)
            #expect(identical.stdout.contains("1 run(s) added"))
        }
    }

    @Test(arguments: [
        (["sweep", "--dry-run", "--lr", "2^-3:10^-1"], "--lr 2^-3:10^-1"),
        (["sweep", "--dry-run", "--shard", "5/4"], "--shard 5/4"),
        (["sweep", "--dry-run", "--delay", "fast"], "--delay fast"),
        (["sweep", "--lr", "0.1"], "--store is required"),
        (["export", "--store", "/nonexistent/s.sqlite"], "no results store"),
        (["reproduce", "--quick", "--shard", "0/3"], "--shard 0/3"),
        (["reproduce", "--shard", "1/2", "--report-only"], "cannot go with --report-only"),
        (["reproduce", "--estimate", "--report-only"], "--dry-run, --estimate and --report-only exclude each other"),
        (["reproduce", "--part", "asynchrony,speed", "--dry-run"], "--part speed: expected study, warmup"),
        (["reproduce", "--quick", "--part", "asynchrony", "--dry-run"], "the quick plan has no part asynchrony"),
    ])
    func badInputGetsOneClearLine(arguments: [String], message: String) throws {
        let result = try Self.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message))
    }

    @Test func reproduceDryRunListsThePlanAndItsShards() throws {
        let whole = try Self.run(["reproduce", "--quick", "--dry-run"])
        #expect(whole.status == 0)
        // 222 quick runs (see reportStatesHowMuchOfThePlanTheStoreHolds) of 3 epochs each.
        #expect(whole.stdout.split(separator: "\n").count == 222)
        #expect(whole.stderr.contains("222 runs, 666 epochs"))
        let shards = try (1...3).map { try Self.run(["reproduce", "--quick", "--dry-run", "--shard", "\($0)/3"]).stdout }
        let lines = shards.flatMap { $0.split(separator: "\n") }
        #expect(lines.count == 222)
        #expect(Set(lines) == Set(whole.stdout.split(separator: "\n")))
    }

    @Test func reproduceRunsOnlyTheNamedParts() throws {
        let part = try Self.run(["reproduce", "--part", "asynchrony", "--dry-run"])
        #expect(part.status == 0)
        #expect(part.stderr.contains("90 runs, 270 epochs"))
        #expect(part.stdout.split(separator: "\n").allSatisfy { $0.contains("-workers") })
    }

    @Test func dryRunListsTheGridInOrder() throws {
        let result = try Self.run(["sweep", "--dry-run", "--optimizer", "sgd,adam", "--lr", "1e-3:1e-2", "--shard", "2/2"])
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
        #expect(lines == ["sgd-lr0.01-b64-sync-s1", "adam-lr0.01-b64-sync-s1"])
    }
}
