import StalenessSimulation

/// Collects the submitting worker of every simulated arrival, in order.
struct WorkerSequenceRecorder: ArrivalObserver {
    private(set) var workers: [Int32] = []

    init(capacity: Int) { workers.reserveCapacity(capacity) }

    mutating func record(arrival: Int, worker: Int, staleness: Int) {
        workers.append(Int32(worker))
    }
}
