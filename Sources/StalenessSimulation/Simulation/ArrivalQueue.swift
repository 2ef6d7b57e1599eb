/// The workers' next arrival times as a binary min-heap ordered by (time, worker id), so a tie in
/// arrival time goes to the lower worker id first.
///
/// Fixed size: every pop is immediately followed by the same worker's next arrival, so the only
/// operation is ``replaceMinimum(time:worker:)``. Each entry is one `UInt128` key — the time's bit
/// pattern in the high half, the worker id in the low half — because for non-negative doubles the bit
/// patterns order like the values, so one integer comparison orders by time and then by worker, with
/// no branch the CPU could mispredict. Storage is manually managed (call ``deallocate()``) and padded
/// with +∞ sentinels, so sifting needs no bounds checks.
struct ArrivalQueue {
    private let heap: UnsafeMutablePointer<UInt128>
    private let count: Int

    /// A queue holding `times[i]` (≥ 0, finite) for worker `i`. - Precondition: `times` is not empty.
    init(times: [Double]) {
        count = times.count
        // Children of the last real node are at most index 2·count; everything past count is a sentinel.
        let capacity = 2 * count + 2
        heap = .allocate(capacity: capacity)
        heap.initialize(repeating: Self.key(time: .infinity, worker: Int(UInt32.max)), count: capacity)
        for (worker, time) in times.enumerated() { heap[worker] = Self.key(time: time, worker: worker) }
        for node in stride(from: count / 2, through: 0, by: -1) { siftDown(from: node) }
    }

    /// Frees the storage; the queue must not be used afterwards.
    func deallocate() { heap.deallocate() }

    /// The time of the earliest pending arrival.
    @inline(__always)
    var minimumTime: Double { Double(bitPattern: UInt64(truncatingIfNeeded: heap[0] >> 64)) }

    /// The worker of the earliest pending arrival (the lowest id among equal times).
    @inline(__always)
    var minimumWorker: Int { Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: heap[0])) }

    /// Removes the earliest arrival and inserts `worker`'s next one at `time` (≥ 0, finite).
    ///
    /// Floyd's variant: the hole at the root sinks to a leaf along the smaller children (one
    /// comparison per level), then the new arrival rises from there. A new arrival is usually among
    /// the latest, so it rarely rises at all; this beats the textbook sift-down's two comparisons per level.
    @inline(__always)
    func replaceMinimum(time: Double, worker: Int) {
        let new = Self.key(time: time, worker: worker)
        var hole = 0
        var child = 1
        while child < count {
            let left = heap[child], right = heap[child &+ 1]
            let takeRight = right < left
            heap[hole] = takeRight ? right : left
            hole = takeRight ? child &+ 1 : child
            child = hole &* 2 &+ 1
        }
        while hole > 0 {
            let parent = (hole &- 1) >> 1
            if new >= heap[parent] { break }
            heap[hole] = heap[parent]
            hole = parent
        }
        heap[hole] = new
    }

    @inline(__always)
    private static func key(time: Double, worker: Int) -> UInt128 {
        UInt128(time.bitPattern) << 64 | UInt128(UInt64(truncatingIfNeeded: worker))
    }

    private func siftDown(from start: Int) {
        var node = start
        let value = heap[node]
        while true {
            var child = node * 2 + 1
            if child >= count { break }
            if heap[child + 1] < heap[child] { child += 1 }
            if heap[child] >= value { break }
            heap[node] = heap[child]
            node = child
        }
        heap[node] = value
    }
}
