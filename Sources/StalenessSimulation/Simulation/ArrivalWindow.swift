/// The arrivals of all workers within one window of simulated time, sorted by (time, worker id) so
/// that a tie in arrival time goes to the lower worker id first.
///
/// Each arrival is one `UInt128` key — the time's bit pattern in the high half, the worker id in the
/// low half — because for non-negative doubles the bit patterns order like the values, so one integer
/// comparison orders by time and then by worker. Sorting is a bucket sort on the time (as many buckets
/// as arrivals, spanning the arrivals' own range, so a bucket holds about one arrival whatever the
/// time distribution) followed by an insertion sort that only reorders within buckets; buckets that
/// are unexpectedly full are sorted by comparison first, which bounds the worst case by O(n log n).
/// The cost per arrival does not grow with the number of workers, unlike a heap's log N.
///
/// Storage is manually managed and reused from window to window; call ``deallocate()`` at the end.
struct ArrivalWindow {
    /// Buckets holding more arrivals than this are sorted by comparison before the insertion pass.
    private static let largeBucket = 16

    private var keys: UnsafeMutablePointer<UInt128>
    private var sorted: UnsafeMutablePointer<UInt128>
    private var bucketStarts: UnsafeMutablePointer<Int>
    private var capacity: Int
    private(set) var count = 0
    private var earliest = Double.infinity
    private var latest = -Double.infinity

    /// An empty window with room for `capacity` arrivals before it has to grow.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        keys = .allocate(capacity: self.capacity)
        sorted = .allocate(capacity: self.capacity)
        bucketStarts = .allocate(capacity: self.capacity + 1)
    }

    /// Frees the storage; the window must not be used afterwards.
    func deallocate() {
        keys.deallocate()
        sorted.deallocate()
        bucketStarts.deallocate()
    }

    /// Empties the window, keeping its storage.
    @inline(__always)
    mutating func removeAll() {
        count = 0
        earliest = .infinity
        latest = -.infinity
    }

    /// Adds `worker`'s arrival at `time` (≥ 0, finite).
    @inline(__always)
    mutating func append(time: Double, worker: Int) {
        if count == capacity { grow() }
        keys[count] = UInt128(time.bitPattern) << 64 | UInt128(UInt64(truncatingIfNeeded: worker))
        count &+= 1
        earliest = min(earliest, time)
        latest = max(latest, time)
    }

    /// The worker of a key returned by ``sortedArrivals()``.
    @inline(__always)
    static func worker(of key: UInt128) -> Int { Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: key)) }

    /// The arrival time of a key returned by ``sortedArrivals()``.
    @inline(__always)
    static func time(of key: UInt128) -> Double { Double(bitPattern: UInt64(truncatingIfNeeded: key >> 64)) }

    /// The window's arrivals in (time, worker) order; valid until the window is next changed.
    mutating func sortedArrivals() -> UnsafeBufferPointer<UInt128> {
        let n = count
        guard n > 1 else {
            if n == 1 { sorted[0] = keys[0] }
            return UnsafeBufferPointer(start: sorted, count: n)
        }
        // Bucket of a time: monotone non-decreasing in the time (rounded subtraction and
        // multiplication by a positive constant both are), so buckets never invert the time order
        // and equal times share a bucket.
        let low = earliest, scale = bucketScale
        @inline(__always)
        func bucket(_ key: UInt128) -> Int {
            let time = Double(bitPattern: UInt64(truncatingIfNeeded: key >> 64))
            return min(Int((time - low) * scale), n &- 1)
        }
        bucketStarts.initialize(repeating: 0, count: n + 1)
        for i in 0..<n { bucketStarts[bucket(keys[i]) &+ 1] &+= 1 }
        var largest = 0
        for b in 0..<n {
            largest = max(largest, bucketStarts[b &+ 1])
            bucketStarts[b &+ 1] &+= bucketStarts[b]
        }
        // Scatter in gather order (stable); bucketStarts[b] is the next free slot of bucket b.
        for i in 0..<n {
            let key = keys[i]
            let b = bucket(key)
            sorted[bucketStarts[b]] = key
            bucketStarts[b] &+= 1
        }
        if largest > Self.largeBucket { sortLargeBuckets() }
        for i in 1..<n {
            let key = sorted[i]
            var j = i
            while j > 0, sorted[j &- 1] > key {
                sorted[j] = sorted[j &- 1]
                j &-= 1
            }
            sorted[j] = key
        }
        return UnsafeBufferPointer(start: sorted, count: n)
    }

    /// Buckets per unit of time: `count` buckets over [earliest, latest]. 0 (one bucket for all) when
    /// the arrivals share one time or their span is so small that the scale would overflow.
    private var bucketScale: Double {
        let scale = Double(count) / (latest - earliest)
        return scale.isFinite ? scale : 0
    }

    /// Sorts every run of more than ``largeBucket`` keys sharing a bucket (found by recomputing the
    /// buckets of the scattered keys, which are in bucket order).
    private func sortLargeBuckets() {
        let n = count
        let scale = bucketScale
        func bucket(_ key: UInt128) -> Int {
            let time = Double(bitPattern: UInt64(truncatingIfNeeded: key >> 64))
            return min(Int((time - earliest) * scale), n - 1)
        }
        var start = 0
        while start < n {
            let b = bucket(sorted[start])
            var end = start + 1
            while end < n, bucket(sorted[end]) == b { end += 1 }
            if end - start > Self.largeBucket {
                var run = UnsafeMutableBufferPointer(start: sorted + start, count: end - start)
                run.sort()
            }
            start = end
        }
    }

    @inline(never)
    private mutating func grow() {
        let newCapacity = capacity * 2
        let newKeys = UnsafeMutablePointer<UInt128>.allocate(capacity: newCapacity)
        newKeys.moveInitialize(from: keys, count: count)
        keys.deallocate()
        sorted.deallocate()
        bucketStarts.deallocate()
        keys = newKeys
        sorted = .allocate(capacity: newCapacity)
        bucketStarts = .allocate(capacity: newCapacity + 1)
        capacity = newCapacity
    }
}
