import Foundation
import GRDB
import Training

/// The SQLite results store of sweeps: tables `runs`, `epochs`, `staleness_scan` and `leases`
/// (the runs that sweeps in progress have claimed, see ``RunLease``).
///
/// The database runs in WAL mode; each finished run (its row and all its epochs) is written in one
/// transaction, so a process killed at any moment (even with SIGKILL) leaves every run either
/// completely stored or absent, and a restarted sweep runs exactly the missing ones.
public final class ResultsStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// How a store is opened.
    public enum Access: Sendable {
        /// Created if missing, migrated to this version's schema, written.
        case readWrite
        /// Read only (e.g. the sources of a merge): never created, migrated or written.
        case readOnly
    }

    /// Opens the store at `path` (for `.readWrite`, creating it and its directory if need be). Before
    /// anything is written the file is checked: a file that is not a staleness store, a store of a
    /// newer schema version, or a damaged one (SQLite's quick check) is refused and left untouched.
    /// - Throws: `StoreError.notAStore`, `.newerSchema`, `.damaged` or `.cannotOpen`.
    public init(path: String, access: Access = .readWrite) throws(StoreError) {
        self.path = path
        let exists = try StoreFile.inspect(path)
        var configuration = Configuration()
        // Another process (a second sweep, a merge) may hold the write lock briefly.
        configuration.busyMode = .timeout(Self.busyTimeout)
        do {
            switch access {
            case .readOnly:
                guard exists else { throw StoreError.cannotOpen(path: path, reason: "there is no results store there") }
                configuration.readonly = true
                pool = try DatabasePool(path: path, configuration: configuration)
            case .readWrite:
                let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                pool = try Self.openMigrated(path: path, configuration: configuration)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .cannotOpen(path: path, reason: "SQLite cannot open it (\(error))")
        }
    }

    /// How long opening waits for other processes that hold the store's locks, in seconds.
    static let busyTimeout: TimeInterval = 30

    /// A pool on `path` whose schema is brought up to this version's. Sweeps started together race to
    /// create and migrate a new store; see ``openPool(path:configuration:)`` and ``migrate(_:)``.
    private static func openMigrated(path: String, configuration: Configuration) throws -> DatabasePool {
        let pool = try openPool(path: path, configuration: configuration)
        // Each failed attempt means another connection applied a migration meanwhile, so this ends
        // within one attempt per migration.
        while try !migrate(pool) {}
        try pool.write { db in try db.execute(sql: "PRAGMA user_version = \(schemaVersion)") }
        return pool
    }

    /// A pool on `path`. Switching a new file to WAL needs a lock that SQLite's busy handler does not
    /// wait for, so while another process holds it the attempt is repeated, for up to ``busyTimeout``.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError
                where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    /// Applies the migrations `pool`'s store lacks. Returns `false` when an attempt failed because
    /// another connection applied migrations in the meantime (each migration is one transaction, so
    /// the failed attempt left nothing behind): try again. Any other failure is thrown.
    private static func migrate(_ pool: DatabasePool) throws -> Bool {
        let before = try pool.read { db in try migrator.appliedIdentifiers(db) }
        do {
            try migrator.migrate(pool)
            return true
        } catch {
            let after = try pool.read { db in try migrator.appliedIdentifiers(db) }
            if after.isSubset(of: before) { throw error }
            return false
        }
    }

    /// The schema version this version writes (`PRAGMA user_version`): one per migration. Stores of
    /// older versions are migrated up to it when opened for writing; newer ones are refused.
    static var schemaVersion: Int { migrator.migrations.count }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: RunRecord.databaseTableName) { t in
                t.primaryKey("config_hash", .text)
                t.column("config", .text).notNull()
                t.column("run_name", .text).notNull()
                t.column("optimizer", .text).notNull()
                t.column("learning_rate", .double).notNull()
                t.column("batch_size", .integer).notNull()
                t.column("delay", .text).notNull()
                t.column("delay_mean", .double).notNull()
                t.column("remedies", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("epochs", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("final_test_accuracy", .double)
                t.column("best_test_accuracy", .double)
                t.column("diverged_step", .integer)
                t.column("seconds", .double).notNull()
                t.column("error", .text)
            }
            try db.create(table: EpochRecord.databaseTableName) { t in
                t.column("config_hash", .text).notNull()
                    .references(RunRecord.databaseTableName, column: "config_hash", onDelete: .cascade)
                t.column("epoch", .integer).notNull()
                t.column("train_loss", .double)
                t.column("train_accuracy", .double)
                t.column("test_loss", .double)
                t.column("test_accuracy", .double).notNull()
                t.column("learning_rate", .double)
                t.column("updates", .integer).notNull()
                t.column("seconds", .double).notNull()
                t.primaryKey(["config_hash", "epoch"])
            }
            try db.create(table: StalenessScanRecord.databaseTableName) { t in
                t.column("workers", .integer).notNull()
                t.column("sigma", .double).notNull()
                t.column("gradients", .integer).notNull()
                t.column("mean", .double).notNull()
                t.column("standard_deviation", .double).notNull()
                t.column("fit_mean", .double)
                t.column("fit_sigma", .double)
                t.column("ks_distance", .double).notNull()
                t.column("histogram", .text).notNull()
                t.primaryKey(["workers", "sigma"])
            }
        }
        // Issue 12: the simulated clock of emulated clusters; older rows keep NULL there.
        migrator.registerMigration("v2-clock") { db in
            try db.alter(table: EpochRecord.databaseTableName) { t in
                t.add(column: "simulated_time", .double)
                t.add(column: "gradients_computed", .integer)
                t.add(column: "gradients_applied", .integer)
                t.add(column: "gradients_discarded", .integer)
                t.add(column: "idle_fraction", .double)
                t.add(column: "mean_staleness", .double)
            }
        }
        // Issue 10: concurrent sweeps on one store claim runs through leases.
        migrator.registerMigration("v3-leases") { db in
            try db.create(table: RunLease.databaseTableName) { t in
                t.primaryKey("config_hash", .text)
                t.column("pid", .integer).notNull()
                t.column("host", .text).notNull()
                t.column("heartbeat", .double).notNull()
            }
        }
        return migrator
    }

    /// Stores one run and its epochs in a single transaction and releases the run's lease. A run
    /// already stored (by a sweep that took it over when this one's lease had expired) is kept as
    /// it is: every run is stored once.
    /// - Returns: whether the run was stored now (`false`: it was already there).
    /// - Throws: `StoreError.write` when the database cannot be written.
    @discardableResult
    public func record(_ run: RunRecord, epochs: [EpochRecord]) throws(StoreError) -> Bool {
        do {
            return try pool.write { db in
                try RunLease.deleteOne(db, key: run.hash)
                guard try !RunRecord.exists(db, key: run.hash) else { return false }
                try run.insert(db)
                for epoch in epochs { try epoch.insert(db) }
                return true
            }
        } catch {
            throw .write(path: path, reason: "\(error)")
        }
    }

    /// The hashes of every stored run (any status).
    public func storedHashes() throws(StoreError) -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT config_hash FROM runs")) }
    }

    /// Deletes the failed runs (so a sweep retries them).
    /// - Returns: how many were deleted.
    @discardableResult
    public func deleteFailedRuns() throws(StoreError) -> Int {
        do {
            return try pool.write { db in
                try RunRecord.filter(RunRecord.CodingKeys.status == RunRecord.Status.failed.rawValue).deleteAll(db)
            }
        } catch {
            throw .write(path: path, reason: "\(error)")
        }
    }

    /// Every readable run, ordered by run name then hash (see ``snapshot()`` for the unreadable ones).
    public func runs() throws(StoreError) -> [RunRecord] { try snapshot().runs }

    /// Every epoch row of a readable run, ordered by run hash then epoch.
    public func epochs() throws(StoreError) -> [EpochRecord] { try snapshot().epochs }

    /// Replaces the staleness scan rows with `rows` (one transaction).
    public func replaceStalenessScan(_ rows: [StalenessScanRecord]) throws(StoreError) {
        do {
            try pool.write { db in
                try StalenessScanRecord.deleteAll(db)
                for row in rows { try row.insert(db) }
            }
        } catch {
            throw .write(path: path, reason: "\(error)")
        }
    }

    /// The readable rows of the staleness scan, ordered by σ then N.
    public func stalenessScan() throws(StoreError) -> [StalenessScanRecord] { try snapshot().stalenessScan }

    /// Everything in the store, for exports, figures and reports, read in one transaction. A row that
    /// cannot be read (an unknown status, a configuration that is not valid JSON, a value of the
    /// wrong type) is left out and listed in ``StoreSnapshot/unreadable`` with its key; so are the
    /// epochs of a run left out.
    public func snapshot() throws(StoreError) -> StoreSnapshot {
        try read { db in
            var unreadable: [UnreadableRow] = []
            let runs: [RunRecord] = try Self.readable(db, table: RunRecord.databaseTableName,
                                                      order: "run_name, config_hash", into: &unreadable,
                                                      key: { Self.text($0, "config_hash") }) { row in
                let status = Self.text(row, "status")
                guard RunRecord.Status(rawValue: status) != nil else {
                    throw UnreadableRow.Problem("unknown status \"\(status)\" (expected "
                        + RunRecord.Status.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                }
                let run = try RunRecord(row: row)
                do { _ = try run.decodedConfiguration() } catch {
                    throw UnreadableRow.Problem("its configuration (column config) is not one this version can read")
                }
                return run
            }
            let kept = Set(runs.map(\.hash))
            var epochs: [EpochRecord] = try Self.readable(db, table: EpochRecord.databaseTableName,
                                                          order: "config_hash, epoch", into: &unreadable,
                                                          key: { "\(Self.text($0, "config_hash")) epoch \(Self.text($0, "epoch"))" }) {
                try EpochRecord(row: $0)
            }
            let orphans = epochs.filter { !kept.contains($0.runHash) }
            epochs.removeAll { !kept.contains($0.runHash) }
            for (hash, rows) in Dictionary(grouping: orphans, by: \.runHash).sorted(by: { $0.key < $1.key }) {
                unreadable.append(UnreadableRow(table: EpochRecord.databaseTableName, key: hash,
                                                reason: "\(rows.count) epoch(s) of a run that cannot be read"))
            }
            let scan: [StalenessScanRecord] = try Self.readable(db, table: StalenessScanRecord.databaseTableName,
                                                                order: "sigma, workers", into: &unreadable,
                                                                key: { "N=\(Self.text($0, "workers")), σ=\(Self.text($0, "sigma"))" }) { row in
                let record = try StalenessScanRecord(row: row)
                guard (try? JSONDecoder().decode([Int].self, from: Data(record.histogram.utf8))) != nil else {
                    throw UnreadableRow.Problem("its histogram is not a JSON list of counts")
                }
                return record
            }
            return StoreSnapshot(runs: runs, epochs: epochs, stalenessScan: scan, unreadable: unreadable)
        }
    }

    /// The rows of `table` that `decode` accepts; the others are added to `unreadable` under `key`.
    private static func readable<T>(_ db: Database, table: String, order: String, into unreadable: inout [UnreadableRow],
                                    key: (Row) -> String, decode: (Row) throws -> T) throws -> [T] {
        var records: [T] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(order)")
        while let row = try rows.next() {
            do { records.append(try decode(row)) } catch let problem as UnreadableRow.Problem {
                unreadable.append(UnreadableRow(table: table, key: key(row), reason: problem.reason))
            } catch {
                unreadable.append(UnreadableRow(table: table, key: key(row), reason: UnreadableRow.reason(for: error)))
            }
        }
        return records
    }

    /// A column's value as text, whatever its type (for naming a row).
    private static func text(_ row: Row, _ column: String) -> String {
        let value: DatabaseValue = row[column]
        return String.fromDatabaseValue(value) ?? value.description
    }

    /// Adds everything of `sources` to this store in one transaction: runs not yet here are copied
    /// with their epochs, identical duplicates (same hash, same results) are skipped, a failed run
    /// gives way to a measured one. Nothing is written when any conflict is found.
    /// - Returns: how many runs were added.
    /// - Throws: `StoreError.conflict` for a run with the same hash and different results.
    @discardableResult
    public func merge(_ sources: [StoreSnapshot], names: [String]) throws(StoreError) -> Int {
        do {
            return try pool.write { db in
                var added = 0
                for (source, name) in zip(sources, names) {
                    let epochsByRun = Dictionary(grouping: source.epochs, by: \.runHash)
                    for run in source.runs {
                        let incoming = epochsByRun[run.hash] ?? []
                        if let existing = try RunRecord.fetchOne(db, key: run.hash) {
                            if existing.status != .failed, run.status == .failed { continue }
                            if existing.status == .failed, run.status != .failed {
                                try existing.delete(db)
                            } else {
                                let stored = try EpochRecord.filter(EpochRecord.CodingKeys.runHash == run.hash)
                                    .order(EpochRecord.CodingKeys.epoch).fetchAll(db)
                                let sameEpochs = stored.count == incoming.count
                                    && zip(stored, incoming.sorted { $0.epoch < $1.epoch })
                                        .allSatisfy { $0.sameMeasurements(as: $1) }
                                guard existing.sameResult(as: run), sameEpochs else {
                                    throw StoreError.conflict(hash: run.hash, runName: run.runName, source: name)
                                }
                                continue
                            }
                        }
                        try run.insert(db)
                        for epoch in incoming { try epoch.insert(db) }
                        added += 1
                    }
                    for row in source.stalenessScan { try row.save(db) }
                }
                return added
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .write(path: path, reason: "\(error)")
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch {
            throw .read(path: path, reason: "\(error)")
        }
    }
}
