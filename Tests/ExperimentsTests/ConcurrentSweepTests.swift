import Foundation
import GRDB
import Synchronization
import Testing
@testable import Experiments

/// Several sweeps on one store: leases give each run to one process; expired leases are taken over.
@Suite("Concurrent sweeps", .serialized)
struct ConcurrentSweepTests {
    static let grid = ["--lr", "0.01,0.02,0.03,0.04", "--delay", "0,4", "--batch", "20", "--jobs", "1"]

    /// A `staleness sweep` child over ``grid`` on `store`, its stderr going to `log`.
    static func sweep(_ store: String, data: URL, log: URL) throws -> Process {
        let process = Process()
        process.executableURL = KillResumeTests.executable
        process.arguments = ["sweep", "--data", data.path, "--store", store] + grid
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log.path])
        }
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        return process
    }

    /// The counts of the `sweep finished: D done, V diverged, F failed, …` line.
    static func computed(_ log: URL) throws -> Int? {
        let text = try String(contentsOf: log, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("sweep finished: ") }) else { return nil }
        let numbers = line.dropFirst("sweep finished: ".count).split(separator: ",").prefix(3)
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") }
        return numbers.count == 3 ? numbers.reduce(0, +) : nil
    }

    /// The pid of a process that has ended.
    static func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// The hashes of ``grid``, in order, from `sweep --dry-run`.
    static func gridHashes() throws -> [String] {
        let result = try CommandTests.run(["sweep", "--dry-run"] + grid)
        return result.stdout.split(separator: "\n").map { String($0.prefix(16)) }
    }

    /// Stores opened at once on a new file (as sweeps started together do) all open and migrate it:
    /// each pool is its own connection, so these race on the migrations exactly as processes do.
    @Test(.timeLimit(.minutes(2))) func storesOpenedAtOnceOnANewFileAllMigrateIt() throws {
        for _ in 0..<20 {
            try TinyData.withTemporaryDirectory { directory in
                let path = directory.appendingPathComponent("s.sqlite").path
                let failures = Mutex<[String]>([])
                DispatchQueue.concurrentPerform(iterations: 6) { _ in
                    do { _ = try ResultsStore(path: path) } catch { failures.withLock { $0.append("\(error)") } }
                }
                #expect(failures.withLock { $0 } == [])
                let version = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
                #expect(version == ResultsStore.schemaVersion)
            }
        }
    }

    @Test func claimsSkipStoredRunsAndLiveLeasesAndTakeOverExpiredOnes() throws {
        try TinyData.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("s.sqlite").path
            let store = try ResultsStore(path: path)
            let (run, epochs) = ResultsStoreTests.stored(ResultsStoreTests.configuration(lr: 0.01), accuracies: [0.1, 0.9])
            try store.record(run, epochs: epochs)
            let here = LeaseOwner.current.host, now = Date()
            let live = LeaseOwner(pid: getppid(), host: here)
            let dead = LeaseOwner(pid: try Self.deadPid(), host: here)
            let silent = LeaseOwner(pid: 4242, host: "another-host")
            try store.pool.write { db in
                try RunLease(runHash: "b", owner: live, time: now).insert(db)
                try RunLease(runHash: "c", owner: dead, time: now).insert(db)
                try RunLease(runHash: "d", owner: silent, time: now.addingTimeInterval(-ResultsStore.leaseTimeout - 1)).insert(db)
                try RunLease(runHash: "e", owner: silent, time: now.addingTimeInterval(-ResultsStore.leaseTimeout / 2)).insert(db)
            }
            let order = [run.hash, "b", "c", "d", "e", "f"]
            #expect(try store.claimNext(of: order, now: now) == "c")
            #expect(try store.claimNext(of: order, now: now) == "d")
            #expect(try store.claimNext(of: order, now: now) == "f")
            #expect(try store.claimNext(of: order, now: now) == nil)
            // Past the timeout, the silent host's lease expires; the live local process's lease does not.
            #expect(try store.claimNext(of: order, now: now.addingTimeInterval(0.75 * ResultsStore.leaseTimeout)) == "e")
            #expect(try store.leases().filter { $0.owner == .current }.map(\.runHash) == ["c", "d", "e", "f"])
            // Storing a run releases its lease; releasing the rest frees them for anyone.
            var stored = run
            stored.hash = "c"
            try store.record(stored, epochs: [])
            try store.releaseLeases()
            #expect(try store.leases().map(\.runHash) == ["b"])
        }
    }

    @Test(.timeLimit(.minutes(5))) func twoSweepsOnOneStoreRunEveryConfigurationOnce() throws {
        try TinyData.withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try TinyData.writeIDX(to: data)
            let store = directory.appendingPathComponent("s.sqlite").path
            let logs = [directory.appendingPathComponent("a.log"), directory.appendingPathComponent("b.log")]
            let sweeps = try logs.map { try Self.sweep(store, data: data, log: $0) }
            defer { sweeps.forEach(KillResumeTests.stop) }
            for sweep in sweeps { try sweep.run() }
            for sweep in sweeps { sweep.waitUntilExit() }
            for (sweep, log) in zip(sweeps, logs) {
                #expect(sweep.terminationReason == .exit && sweep.terminationStatus == 0,
                        "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            }
            let hashes = try Self.gridHashes()
            #expect(hashes.count == 8)
            let counts = try DatabaseQueue(path: store).read { db in
                try Row.fetchAll(db, sql: "SELECT config_hash, COUNT(*) AS n FROM runs GROUP BY config_hash")
                    .map { (row: Row) -> (String, Int) in (row["config_hash"], row["n"]) }
            }
            #expect(Set(counts.map(\.0)) == Set(hashes))
            #expect(counts.allSatisfy { $0.1 == 1 })
            // Computed once: the two sweeps' own runs add up to the grid.
            let computed = try logs.map(Self.computed)
            #expect(computed.compactMap { $0 }.reduce(0, +) == 8, "\(computed)")
            #expect(try ResultsStore(path: store).leases().isEmpty)
        }
    }

    @Test(.timeLimit(.minutes(5))) func aLeaseOfADeadProcessIsTakenOver() throws {
        try TinyData.withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try TinyData.writeIDX(to: data)
            let store = directory.appendingPathComponent("s.sqlite").path
            let hashes = try Self.gridHashes()
            let dead = LeaseOwner(pid: try Self.deadPid(), host: LeaseOwner.current.host)
            try ResultsStore(path: store).pool.write { db in
                try RunLease(runHash: hashes[0], owner: dead, time: Date()).insert(db)
            }
            let log = directory.appendingPathComponent("sweep.log")
            let sweep = try Self.sweep(store, data: data, log: log)
            try sweep.run()
            sweep.waitUntilExit()
            #expect(sweep.terminationStatus == 0)
            #expect(try Self.computed(log) == 8)
            let runs = try ResultsStore(path: store)
            #expect(Set(try runs.runs().map(\.hash)) == Set(hashes))
            #expect(try runs.leases().isEmpty)
        }
    }
}
