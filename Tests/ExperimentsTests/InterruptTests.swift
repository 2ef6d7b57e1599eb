import Foundation
import GRDB
import Testing
@testable import Experiments

/// Ctrl-C (SIGINT) on `train` and `sweep` children: exit status 130, the run marked interrupted, the
/// sweep's leases released.
@Suite("Interrupted runs", .serialized)
struct InterruptTests {
    /// A `staleness` child with `arguments`, its stderr going to `log`.
    static func child(_ arguments: [String], log: URL) throws -> Process {
        let process = Process()
        process.executableURL = KillResumeTests.executable
        process.arguments = arguments
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log.path])
        }
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        return process
    }

    /// Waits (up to a minute) until `ready` holds while `process` runs.
    static func wait(for process: Process, until ready: () -> Bool) async throws -> Bool {
        for _ in 0..<600 where process.isRunning {
            if ready() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test(.timeLimit(.minutes(3))) func anInterruptedTrainingRunIsMarkedInterrupted() async throws {
        try await TinyData.withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try TinyData.writeIDX(to: data)
            let out = directory.appendingPathComponent("run")
            let log = directory.appendingPathComponent("train.log")
            let train = try Self.child(["train", "--data", data.path, "--epochs", "500", "--batch", "20", "--out", out.path],
                                       log: log)
            try train.run()
            defer { KillResumeTests.stop(train) }
            let started = try await Self.wait(for: train) {
                FileManager.default.fileExists(atPath: out.appendingPathComponent("metrics.csv").path)
            }
            try #require(started, "the run ended before its first epoch was written")
            kill(train.processIdentifier, SIGINT)
            train.waitUntilExit()
            #expect(train.terminationReason == .exit && train.terminationStatus == 130)
            let marker = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("running.json")))
            #expect((marker as? [String: Any])?["status"] as? String == "interrupted")
            #expect(((marker as? [String: Any])?["configuration"] as? [String: Any])?["epochs"] as? Int == 500)
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))
            #expect(try String(contentsOf: log, encoding: .utf8).contains("interrupted: the run is marked interrupted"))
        }
    }

    @Test(.timeLimit(.minutes(3))) func anInterruptedSweepReleasesItsLeases() async throws {
        try await TinyData.withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try TinyData.writeIDX(to: data)
            let store = directory.appendingPathComponent("s.sqlite").path
            let log = directory.appendingPathComponent("sweep.log")
            let sweep = try Self.child(["sweep", "--data", data.path, "--store", store, "--lr", "0.01,0.02", "--epochs", "500",
                                        "--batch", "20", "--jobs", "2"], log: log)
            try sweep.run()
            defer { KillResumeTests.stop(sweep) }
            let claimed = try await Self.wait(for: sweep) {
                (try? KillResumeTests.scalar(Int.self, "SELECT COUNT(*) FROM leases", in: store)) == 2
            }
            try #require(claimed, "the sweep never held two leases")
            kill(sweep.processIdentifier, SIGINT)
            sweep.waitUntilExit()
            #expect(sweep.terminationReason == .exit && sweep.terminationStatus == 130)
            #expect(try KillResumeTests.scalar(Int.self, "SELECT COUNT(*) FROM leases", in: store) == 0)
            #expect(try KillResumeTests.scalar(Int.self, "SELECT COUNT(*) FROM runs", in: store) == 0)
            #expect(try String(contentsOf: log, encoding: .utf8).contains("the runs in progress were released"))
        }
    }
}
