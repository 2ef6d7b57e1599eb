import Foundation
import GRDB

/// One row of the `leases` table: a run claimed by a sweep process, so that concurrent sweeps on one
/// store each take different runs.
///
/// The owner refreshes ``heartbeat`` every ``ResultsStore/leaseHeartbeat`` seconds while it runs;
/// a lease expires when its heartbeat is older than ``ResultsStore/leaseTimeout`` or when its owner
/// ran on this host and its process is gone, and the run is then free for any sweep to take.
public struct RunLease: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "leases"

    /// The claimed run's ``RunRecord/hash``.
    public var runHash: String
    /// The process that claimed it.
    public var owner: LeaseOwner
    /// When the owner last showed it was alive, in seconds since 1970.
    public var heartbeat: Double

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case runHash = "config_hash", pid, host, heartbeat
    }

    /// A lease of `runHash` for `owner`, with a heartbeat at `time`.
    public init(runHash: String, owner: LeaseOwner, time: Date) {
        self.runHash = runHash
        self.owner = owner
        heartbeat = time.timeIntervalSince1970
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        runHash = try container.decode(String.self, forKey: .runHash)
        owner = LeaseOwner(pid: try container.decode(Int32.self, forKey: .pid),
                           host: try container.decode(String.self, forKey: .host))
        heartbeat = try container.decode(Double.self, forKey: .heartbeat)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runHash, forKey: .runHash)
        try container.encode(owner.pid, forKey: .pid)
        try container.encode(owner.host, forKey: .host)
        try container.encode(heartbeat, forKey: .heartbeat)
    }

    /// Whether the lease no longer holds at `time`: its heartbeat is older than `timeout`, or its
    /// owner is a process of this host that has ended.
    public func hasExpired(at time: Date, timeout: TimeInterval) -> Bool {
        time.timeIntervalSince1970 - heartbeat > timeout || (owner.host == LeaseOwner.current.host && !owner.isAlive)
    }
}
