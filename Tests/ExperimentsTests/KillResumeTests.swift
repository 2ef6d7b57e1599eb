import Foundation
import GRDB
import Testing
@testable import Experiments

/// Runs `staleness sweep` in a child process, kills it with SIGKILL once some runs are stored,
/// checks the database and resumes.
@Suite("Sweep survives kill -9", .serialized)
struct KillResumeTests {
    static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("staleness").path),
              directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("staleness")
    }

    static func scalar<T: DatabaseValueConvertible>(_ type: T.Type, _ sql: String, in path: String) throws -> T? {
        try DatabaseQueue(path: path).read { try T.fetchOne($0, sql: sql) }
    }

    /// Kills `process` and waits for it when it is still running, so that a test that stops early (a
    /// failed `#require`, a time limit) leaves no child writing into a directory about to be removed.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    static func sweep(_ store: String, data: URL) -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["sweep", "--data", data.path, "--lr", "0.01,0.02,0.03,0.04", "--delay", "0,4",
                             "--seed", "1,2", "--batch", "20", "--store", store, "--jobs", "1"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        return process
    }

    @Test(.timeLimit(.minutes(5))) func killedSweepResumesWithoutLossOrDuplicates() async throws {
        try await TinyData.withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try TinyData.writeIDX(to: data)
            let store = directory.appendingPathComponent("s.sqlite").path

            let child = Self.sweep(store, data: data)
            try child.run()
            defer { Self.stop(child) }
            var stored = 0
            for _ in 0..<600 where child.isRunning {
                try await Task.sleep(for: .milliseconds(100))
                if FileManager.default.fileExists(atPath: store) {
                    stored = (try? Self.scalar(Int.self, "SELECT COUNT(*) FROM runs", in: store)) ?? 0
                    if stored >= 2 { break }
                }
            }
            #expect(child.isRunning, "the sweep finished before it could be killed")
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            #expect(child.terminationReason == .uncaughtSignal)

            let integrity = try Self.scalar(String.self, "PRAGMA integrity_check", in: store)
            #expect(integrity == "ok")
            let afterKill = try ResultsStore(path: store)
            let survivors = try afterKill.runs()
            #expect(survivors.count >= 2 && survivors.count < 16)
            // Every stored run is complete: epochs 0 and 1.
            #expect(try afterKill.epochs().count == 2 * survivors.count)

            let resumed = Self.sweep(store, data: data)
            try resumed.run()
            resumed.waitUntilExit()
            #expect(resumed.terminationStatus == 0)
            let final = try ResultsStore(path: store).runs()
            #expect(final.count == 16)
            #expect(Set(final.map(\.hash)).count == 16)
            for run in survivors { #expect(final.contains(run)) }
        }
    }
}
