/// A growable integer histogram for the simulator's inner loop: a raw buffer whose size follows the
/// largest value seen, so memory stays O(largest staleness) however many values are counted.
struct HistogramAccumulator {
    private var buffer: UnsafeMutablePointer<Int>
    private var capacity: Int

    init(initialCapacity: Int) {
        capacity = max(initialCapacity, 16)
        buffer = .allocate(capacity: capacity)
        buffer.initialize(repeating: 0, count: capacity)
    }

    /// Counts one occurrence of `value` (≥ 0).
    @inline(__always)
    mutating func add(_ value: Int) {
        if value >= capacity { grow(toHold: value) }
        buffer[value] &+= 1
    }

    /// The counts so far as a histogram; frees the buffer, so the accumulator must not be used again.
    consuming func finish() -> StalenessHistogram {
        let counts = Array(UnsafeBufferPointer(start: buffer, count: capacity))
        buffer.deallocate()
        return StalenessHistogram(counts: counts)
    }

    @inline(never)
    private mutating func grow(toHold value: Int) {
        let newCapacity = max(capacity * 2, value + 1)
        let newBuffer = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        newBuffer.moveInitialize(from: buffer, count: capacity)
        (newBuffer + capacity).initialize(repeating: 0, count: newCapacity - capacity)
        buffer.deallocate()
        buffer = newBuffer
        capacity = newCapacity
    }
}
