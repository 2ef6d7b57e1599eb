/// The study's delayed-SGD wrapper: every step computes a gradient on the current parameters and
/// queues it; the server applies the gradient queued `delay` steps earlier.
///
/// Nothing is applied during the first `delay` steps; the queue carries across epochs; optimizer
/// state stays with the server. Gradients (and, for delay compensation, the parameters they were
/// computed on) live in a ring of `delay + 1` preallocated slots, so a step allocates nothing.
/// With a ramp the effective delay is `round(delay · progress)`, which never decreases, so at most
/// one gradient leaves the queue per step.
final class ConstantDelaySource: GradientSource {
    private let computer: GradientComputer
    private let delay: Int
    private let flushAtEnd: Bool
    private let capacity: Int
    private let parameterCount: Int
    private let gradients: FloatBuffer
    private let snapshots: FloatBuffer?
    private var outcomes: [BatchOutcome]
    private var readUpdates: [Int]
    private var head = 0
    private var queued = 0
    private var updates = 0

    /// - Parameters:
    ///   - keepParameters: keep the parameters each gradient was computed on (delay compensation).
    init(computer: GradientComputer, parameterCount: Int, delay: Int, flushAtEnd: Bool, keepParameters: Bool) {
        self.computer = computer
        self.delay = delay
        self.flushAtEnd = flushAtEnd
        self.parameterCount = parameterCount
        capacity = delay + 1
        gradients = FloatBuffer(count: capacity * parameterCount)
        snapshots = keepParameters ? FloatBuffer(count: capacity * parameterCount) : nil
        outcomes = Array(repeating: BatchOutcome(lossSum: 0, correct: 0, count: 0), count: capacity)
        readUpdates = Array(repeating: 0, count: capacity)
    }

    func next(step: Int, progress: Double, parameters: FloatBuffer) -> PendingUpdate? {
        let tail = (head + queued) % capacity
        let slot = gradients.slice(offset: tail * parameterCount, count: parameterCount)
        outcomes[tail] = computer.compute(on: parameters.readable, into: slot)
        if let snapshots {
            _ = snapshots.slice(offset: tail * parameterCount, count: parameterCount)
                .update(fromContentsOf: parameters.storage)
        }
        readUpdates[tail] = updates
        queued += 1
        let effectiveDelay = Int((Double(delay) * progress).rounded())
        return queued > effectiveDelay ? pop() : nil
    }

    private func pop() -> PendingUpdate {
        let slot = head
        head = (head + 1) % capacity
        queued -= 1
        let stale = snapshots.map {
            UnsafeBufferPointer($0.slice(offset: slot * parameterCount, count: parameterCount))
        }
        return PendingUpdate(
            gradient: gradients.slice(offset: slot * parameterCount, count: parameterCount),
            staleParameters: stale, staleness: updates - readUpdates[slot], outcome: outcomes[slot])
    }

    func didApply(parameters: FloatBuffer) { updates += 1 }

    func drain() -> [PendingUpdate] {
        guard flushAtEnd else { return [] }
        var remaining: [PendingUpdate] = []
        while queued > 0 {
            var update = pop()
            // The server applies these one after another, so each sees the ones before it land.
            update.staleness += remaining.count
            remaining.append(update)
        }
        return remaining
    }

    var bufferBytes: Int { gradients.byteCount + (snapshots?.byteCount ?? 0) }
}
