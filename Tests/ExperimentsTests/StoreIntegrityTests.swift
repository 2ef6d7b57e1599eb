import Foundation
import GRDB
import Testing
@testable import Experiments

/// What the results store does with files it did not write the way it expects: unreadable rows,
/// other schema versions, foreign and damaged files, and merge sources that must stay untouched.
@Suite("Store integrity")
struct StoreIntegrityTests {
    /// A store `s.sqlite` in `directory` (a fresh one, which the caller removes) holding the runs of
    /// learning rates `rates` (two epochs each).
    static func store(rates: [Double], in directory: URL) throws -> (path: String, runs: [RunRecord]) {
        let path = directory.appendingPathComponent("s.sqlite").path
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
        try TinyData.withTemporaryDirectory { directory in
            let (path, runs) = try Self.store(rates: [0.01, 0.02, 0.03], in: directory)
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
    }

    @Test func exportReportsTheBadRowAndExportsTheRest() throws {
        try TinyData.withTemporaryDirectory { directory in
            let (path, runs) = try Self.store(rates: [0.01, 0.02], in: directory)
            try Self.execute("UPDATE runs SET status = 'paused' WHERE config_hash = '\(runs[0].hash)'", in: path)
            let out = directory.appendingPathComponent("csv")
            let result = try CommandTests.run(["export", "--store", path, "--out", out.path])
            #expect(result.status == 0)
            #expect(result.stderr.contains("warning: \(path): runs row \(runs[0].hash): unknown status \"paused\""))
            #expect(result.stderr.contains("exported 1 runs, 2 epochs"))
            let csv = try String(contentsOf: out.appendingPathComponent("runs.csv"), encoding: .utf8)
            #expect(csv.contains(runs[1].hash) && !csv.contains(runs[0].hash))
        }
    }
}

/// Schema versions, foreign and damaged files, read-only merge sources.
extension StoreIntegrityTests {
    /// The bytes and modification date of a file.
    static func fingerprint(_ path: String) throws -> (Data, Date?) {
        let date = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        return (try Data(contentsOf: URL(fileURLWithPath: path)), date)
    }

    /// Turns the store at `path` into one written by the version before the simulated clock:
    /// schema version 1, its columns and migration gone, the version never recorded.
    static func downgradeToFirstSchema(_ path: String) throws {
        for column in ["simulated_time", "gradients_computed", "gradients_applied", "gradients_discarded",
                       "idle_fraction", "mean_staleness"] {
            try execute("ALTER TABLE epochs DROP COLUMN \(column)", in: path)
        }
        try execute("DROP TABLE leases", in: path)
        try execute("DELETE FROM grdb_migrations WHERE identifier <> 'v1'", in: path)
        try execute("PRAGMA user_version = 0", in: path)
    }

    static func userVersion(_ path: String) throws -> Int? {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
    }

    @Test func aStoreOfANewerSchemaIsRefusedWithBothVersions() throws {
        try TinyData.withTemporaryDirectory { directory in
            let (path, _) = try Self.store(rates: [0.01], in: directory)
            #expect(try Self.userVersion(path) == ResultsStore.schemaVersion)
            try Self.execute("PRAGMA user_version = 99", in: path)
            #expect(throws: StoreError.newerSchema(path: path, version: 99, supported: ResultsStore.schemaVersion)) {
                try ResultsStore(path: path)
            }
            let out = try TinyData.subdirectory("out", of: directory)
            let result = try CommandTests.run(["export", "--store", path, "--out", out.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("results store \(path) has schema version 99, written by a newer staleness; "
                                           + "this version reads schema versions up to \(ResultsStore.schemaVersion)"))
            #expect(try Self.userVersion(path) == 99)
        }
    }

    @Test func aStoreOfTheFirstSchemaStillOpensAndIsMigrated() throws {
        try TinyData.withTemporaryDirectory { directory in
            let (path, runs) = try Self.store(rates: [0.01, 0.02], in: directory)
            try Self.downgradeToFirstSchema(path)
            let read = try ResultsStore(path: path, access: .readOnly).snapshot()
            #expect(read.runs == runs && read.epochs.count == 4 && read.unreadable.isEmpty)
            #expect(try Self.userVersion(path) == 0)
            #expect(try ResultsStore(path: path).runs() == runs)
            #expect(try Self.userVersion(path) == ResultsStore.schemaVersion)
        }
    }

    @Test(arguments: ["foreign SQLite", "text", "directory"])
    func aFileThatIsNotAStoreIsRefusedUntouched(kind: String) throws {
        try TinyData.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("other.db").path
            switch kind {
            case "foreign SQLite":
                try Self.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'x')",
                                 in: path)
            case "text": try Data("runs,epochs\n1,2\n".utf8).write(to: URL(fileURLWithPath: path))
            default: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
            let before = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            let fingerprint = kind == "directory" ? nil : try Self.fingerprint(path)
            #expect {
                try ResultsStore(path: path)
            } throws: { error in
                guard case let .notAStore(refused, _) = error as? StoreError else { return false }
                return refused == path
            }
            if let fingerprint {
                let after = try Self.fingerprint(path)
                #expect(after.0 == fingerprint.0 && after.1 == fingerprint.1)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == before)
            let result = try CommandTests.run(["sweep", "--store", path, "--lr", "0.1", "--epochs", "1"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(path) is not a staleness results store"))
            #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("SQLite error"))
        }
    }

    /// A store caught mid-creation by another sweep (GRDB's empty migrations table, no migration
    /// committed yet) is taken as a new store and migrated; a migrations table that lists migrations
    /// of tables that are not there is another program's database and is refused.
    @Test(arguments: [false, true])
    func aStoreBeingCreatedIsMigratedAndAForeignMigratedDatabaseRefused(foreignMigration: Bool) throws {
        try TinyData.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("s.sqlite").path
            try Self.execute("CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)"
                             + (foreignMigration ? "; INSERT INTO grdb_migrations VALUES ('their-v1')" : ""), in: path)
            if foreignMigration {
                #expect {
                    try ResultsStore(path: path)
                } throws: { error in
                    guard case let .notAStore(refused, _) = error as? StoreError else { return false }
                    return refused == path
                }
            } else {
                #expect(try ResultsStore(path: path).runs().isEmpty)
                #expect(try Self.userVersion(path) == ResultsStore.schemaVersion)
            }
        }
    }

    @Test func aDamagedPageIsCaughtOnOpen() throws {
        try TinyData.withTemporaryDirectory { directory in
            let (path, _) = try Self.store(rates: (1...40).map { 0.001 * Double($0) }, in: directory)
            let (page, pageSize) = try DatabaseQueue(path: path).writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                return (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'epochs'") ?? 0,
                        try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
            }
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            let pages = Int(try handle.seekToEnd()) / pageSize
            try #require(page > 1 && page < pages)
            try handle.seek(toOffset: UInt64((page - 1) * pageSize))
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 64))
            try handle.close()
            #expect {
                try ResultsStore(path: path)
            } throws: { error in
                guard case let .damaged(damaged, _) = error as? StoreError else { return false }
                return damaged == path
            }
            let out = try TinyData.subdirectory("out", of: directory)
            let merged = try TinyData.subdirectory("merged", of: directory).appendingPathComponent("m.sqlite")
            for arguments in [["export", "--store", path, "--out", out.path], ["merge", path, "--into", merged.path]] {
                let result = try CommandTests.run(arguments)
                #expect(result.status == 1, "\(arguments[0])")
                #expect(result.stderr.contains("results store \(path) is damaged (SQLite's quick check:"), "\(arguments[0])")
            }
        }
    }

    @Test func exportReadsAnOlderStoreWithoutMigratingIt() throws {
        try TinyData.withTemporaryDirectory { directory in
            let (path, runs) = try Self.store(rates: [0.01], in: directory)
            try Self.downgradeToFirstSchema(path)
            let before = try Self.fingerprint(path)
            let out = try TinyData.subdirectory("out", of: directory)
            let export = try CommandTests.run(["export", "--store", path, "--out", out.path])
            #expect(export.status == 0, "\(export.stderr)")
            #expect(try String(contentsOf: out.appendingPathComponent("runs.csv"), encoding: .utf8).contains(runs[0].hash))
            let after = try Self.fingerprint(path)
            #expect(after.0 == before.0 && after.1 == before.1)
            #expect(try Self.userVersion(path) == 0)
        }
    }

    @Test func mergeLeavesItsSourcesByteIdentical() throws {
        try TinyData.withTemporaryDirectory { directory in
            let (a, runsA) = try Self.store(rates: [0.01, 0.02], in: TinyData.subdirectory("a", of: directory))
            let (b, runsB) = try Self.store(rates: [0.03], in: TinyData.subdirectory("b", of: directory))
            try Self.downgradeToFirstSchema(b)
            let before = try [a, b].map(Self.fingerprint)
            let into = try TinyData.subdirectory("into", of: directory).appendingPathComponent("c.sqlite").path
            let result = try CommandTests.run(["merge", a, b, "--into", into])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("3 run(s) added"))
            let after = try [a, b].map(Self.fingerprint)
            for (old, new) in zip(before, after) { #expect(old.0 == new.0 && old.1 == new.1) }
            #expect(try Self.userVersion(b) == 0)
            #expect(Set(try ResultsStore(path: into).runs().map(\.hash)) == Set((runsA + runsB).map(\.hash)))
        }
    }
}
