/// The simulator's arrivals at the server, front to back: who submits and when (in mean compute
/// times, including communication). It extends itself by rerunning the same simulation longer.
final class ArrivalStream {
    private var workers: [Int32]
    private var times: [Double]
    private var position = 0
    private let extend: (Int) -> (workers: [Int32], times: [Double])

    /// - Parameters:
    ///   - extend: given a length, the first arrivals (at least that many) of the simulation.
    init(initialLength: Int, extend: @escaping (Int) -> (workers: [Int32], times: [Double])) {
        (workers, times) = extend(initialLength)
        self.extend = extend
    }

    /// The next arrival.
    func next() -> (worker: Int, time: Double) {
        if position == workers.count { (workers, times) = extend(2 * workers.count) }
        defer { position += 1 }
        return (Int(workers[position]), times[position])
    }
}
