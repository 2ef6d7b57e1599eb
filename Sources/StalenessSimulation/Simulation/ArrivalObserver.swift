/// Receives every recorded gradient of a simulation, in arrival order.
public protocol ArrivalObserver {
    /// What ``record(arrival:worker:staleness:)`` can throw (`Never` when it cannot fail).
    associatedtype Failure: Error
    /// Called once per recorded gradient: `arrival` is the server's update number (0-based, counting
    /// warm-up arrivals), `worker` the submitting worker's id, `staleness` its staleness.
    mutating func record(arrival: Int, worker: Int, staleness: Int) throws(Failure)
    /// The same, with the arrival's simulated time (in mean compute times, including any
    /// ``SimulationConfiguration/cycleOverhead``); by default it forgets the time.
    mutating func record(arrival: Int, worker: Int, staleness: Int, time: Double) throws(Failure)
}

extension ArrivalObserver {
    /// Forwards to ``record(arrival:worker:staleness:)``.
    @inline(__always)
    public mutating func record(arrival: Int, worker: Int, staleness: Int, time: Double) throws(Failure) {
        try record(arrival: arrival, worker: worker, staleness: staleness)
    }
}

/// The observer that ignores every gradient: the simulator's fast path.
public struct NoArrivalObserver: ArrivalObserver {
    /// Creates the no-op observer.
    public init() {}

    @inline(__always)
    public func record(arrival: Int, worker: Int, staleness: Int) {}
}
