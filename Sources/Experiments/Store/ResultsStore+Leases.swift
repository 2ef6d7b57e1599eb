import Foundation
import GRDB

/// Leases: how concurrent sweeps on one store share its runs.
extension ResultsStore {
    /// Seconds after its last heartbeat that a lease expires (its owner hung, was killed, or runs on
    /// a host that cannot be asked whether it lives).
    public static let leaseTimeout: TimeInterval = 120
    /// Seconds between an owner's heartbeats.
    public static let leaseHeartbeat: TimeInterval = 15

    /// Claims, in one transaction, the first run of `hashes` that is neither stored nor claimed by a
    /// live lease, after expiring the leases that no longer hold (see ``RunLease/hasExpired(at:timeout:)``).
    /// - Returns: the claimed hash, or nil when every run is stored or claimed.
    public func claimNext(of hashes: [String], owner: LeaseOwner = .current, now: Date = Date(),
                          timeout: TimeInterval = leaseTimeout) throws(StoreError) -> String? {
        do {
            return try pool.writeWithoutTransaction { db in
                var claimed: String?
                // Immediate: the write lock is taken before reading, so two sweeps never claim one run.
                try db.inTransaction(.immediate) {
                    for lease in try RunLease.fetchAll(db) where lease.hasExpired(at: now, timeout: timeout) {
                        try lease.delete(db)
                    }
                    let taken = Set(try String.fetchAll(db, sql: "SELECT config_hash FROM runs UNION ALL "
                                                            + "SELECT config_hash FROM leases"))
                    claimed = hashes.first { !taken.contains($0) }
                    if let claimed { try RunLease(runHash: claimed, owner: owner, time: now).insert(db) }
                    return .commit
                }
                return claimed
            }
        } catch {
            throw .write(path: path, reason: "cannot claim a run (\(error))")
        }
    }

    /// Refreshes the heartbeat of every lease of `owner`.
    public func heartbeat(_ owner: LeaseOwner = .current, now: Date = Date()) throws(StoreError) {
        do {
            try pool.write { db in
                try db.execute(sql: "UPDATE leases SET heartbeat = ? WHERE pid = ? AND host = ?",
                               arguments: [now.timeIntervalSince1970, owner.pid, owner.host])
            }
        } catch {
            throw .write(path: path, reason: "cannot refresh the leases (\(error))")
        }
    }

    /// Releases every lease of `owner` (its runs become free for any sweep).
    public func releaseLeases(of owner: LeaseOwner = .current) throws(StoreError) {
        do {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM leases WHERE pid = ? AND host = ?", arguments: [owner.pid, owner.host])
            }
        } catch {
            throw .write(path: path, reason: "cannot release the leases (\(error))")
        }
    }

    /// Every lease, ordered by hash.
    public func leases() throws(StoreError) -> [RunLease] {
        do { return try pool.read { db in try RunLease.order(RunLease.CodingKeys.runHash).fetchAll(db) } } catch {
            throw .read(path: path, reason: "\(error)")
        }
    }
}
