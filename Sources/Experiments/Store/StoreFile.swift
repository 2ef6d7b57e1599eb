import Foundation
import GRDB

/// What a file given as a results store holds, found before anything is written to it: a store
/// whose schema this version knows, nothing yet (a missing or empty file), or something to refuse.
enum StoreFile {
    /// The first 16 bytes of every SQLite database.
    private static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Checks the file at `path` without modifying it: its header, SQLite's quick check, its tables
    /// and its schema version.
    /// - Returns: whether a store already exists there (`false`: a missing or empty file, an SQLite
    ///   database without tables, or one with only the empty migrations table of a store being
    ///   created; it is made into a store).
    /// - Throws: `StoreError.notAStore`, `.damaged` or `.newerSchema`.
    static func inspect(_ path: String) throws(StoreError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        guard !isDirectory.boolValue else { throw .notAStore(path: path, reason: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path: path, reason: "the file cannot be read")
        }
        let header = (try? handle.read(upToCount: sqliteHeader.count)) ?? nil
        try? handle.close()
        guard let header, !header.isEmpty else { return false }
        guard Array(header) == sqliteHeader else { throw .notAStore(path: path, reason: "it is not an SQLite database") }
        var configuration = Configuration()
        configuration.readonly = true
        // A sweep started at the same moment may be creating the store and hold its lock briefly.
        configuration.busyMode = .timeout(ResultsStore.busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db throws in try check(db, path: path) }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw .damaged(path: path, detail: error.message ?? "\(error.resultCode)")
        } catch {
            throw .cannotOpen(path: path, reason: "SQLite cannot read it (\(error))")
        }
    }

    /// The checks of ``inspect(_:)`` on the open database.
    private static func check(_ db: Database, path: String) throws -> Bool {
        let problems = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard problems == ["ok"] else {
            throw StoreError.damaged(path: path, detail: problems.prefix(3).joined(separator: "; "))
        }
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' "
                                             + "AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if tables.isEmpty { return false }
        // A store another sweep is creating at this moment: GRDB creates its migrations table on its
        // own, before the first migration's transaction commits.
        if tables == ["grdb_migrations"], try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") == 0 {
            return false
        }
        guard tables.contains("grdb_migrations"), tables.contains(RunRecord.databaseTableName) else {
            let listed = tables.prefix(8).joined(separator: ", ") + (tables.count > 8 ? ", …" : "")
            throw StoreError.notAStore(path: path, reason: "an SQLite database with other tables (\(listed))")
        }
        let recorded = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        // Stores written before the version was recorded count their migrations (one per version).
        let migrations = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") ?? 0
        let version = max(recorded, migrations)
        guard version <= ResultsStore.schemaVersion else {
            throw StoreError.newerSchema(path: path, version: version, supported: ResultsStore.schemaVersion)
        }
        return true
    }
}
