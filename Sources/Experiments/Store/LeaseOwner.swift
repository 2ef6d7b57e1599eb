import Foundation

/// A sweep process, as named in the leases of the runs it claimed: its process id and host name.
public struct LeaseOwner: Equatable, Hashable, Sendable {
    /// The process id.
    public var pid: Int32
    /// The host name (`gethostname`).
    public var host: String

    /// An owner.
    public init(pid: Int32, host: String) {
        self.pid = pid
        self.host = host
    }

    /// This process.
    public static let current = LeaseOwner(pid: getpid(), host: hostName())

    /// Whether the process still exists; only meaningful for an owner on this host.
    public var isAlive: Bool {
        // Signal 0 checks existence; EPERM means it exists under another user.
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
