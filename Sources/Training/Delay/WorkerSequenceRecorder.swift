import StalenessSimulation

/// Collects the submitting worker and arrival time of every simulated arrival, in order.
struct WorkerSequenceRecorder: ArrivalObserver {
    private(set) var workers: [Int32] = []
    private(set) var times: [Double] = []

    init(capacity: Int) {
        workers.reserveCapacity(capacity)
        times.reserveCapacity(capacity)
    }

    mutating func record(arrival: Int, worker: Int, staleness: Int) {
        workers.append(Int32(worker))
    }

    mutating func record(arrival: Int, worker: Int, staleness: Int, time: Double) {
        workers.append(Int32(worker))
        times.append(time)
    }
}
