/// Receives every recorded gradient of a simulation, in arrival order.
public protocol ArrivalObserver {
    /// What ``record(arrival:worker:staleness:)`` can throw (`Never` when it cannot fail).
    associatedtype Failure: Error
    /// Called once per recorded gradient: `arrival` is the server's update number (0-based, counting
    /// warm-up arrivals), `worker` the submitting worker's id, `staleness` its staleness.
    mutating func record(arrival: Int, worker: Int, staleness: Int) throws(Failure)
}

/// The observer that ignores every gradient: the simulator's fast path.
public struct NoArrivalObserver: ArrivalObserver {
    /// Creates the no-op observer.
    public init() {}

    @inline(__always)
    public func record(arrival: Int, worker: Int, staleness: Int) {}
}
