import Testing
@testable import StalenessSimulation

@Suite struct ArrivalQueueTests {
    @Test(arguments: [1, 2, 3, 7, 64, 100])
    func popsInTimeThenWorkerOrder(count: Int) {
        // Times on a coarse grid so that many tie; the reference order is a plain sort by (time, worker).
        let rng = RandomGenerator(seed: UInt64(count))
        var pending = (0..<count).map { (time: Double(rng.integer(below: 5)), worker: $0) }
        let queue = ArrivalQueue(times: pending.map(\.time))
        defer { queue.deallocate() }
        for _ in 0..<(20 * count) {
            let expected = pending.min { ($0.time, $0.worker) < ($1.time, $1.worker) }!
            #expect(queue.minimumWorker == expected.worker)
            #expect(queue.minimumTime == expected.time)
            let next = expected.time + Double(rng.integer(below: 3))
            pending[expected.worker].time = next
            queue.replaceMinimum(time: next, worker: expected.worker)
        }
    }
}
