/// Asynchronous SGD without the hardware: N virtual workers each hold the parameters they last read;
/// the simulator's event stream (or a trace) decides who submits next; the server applies gradients
/// in arrival order and the submitting worker immediately reads the new parameters.
///
/// All workers read the initial parameters at the start; with the worker ramp, a joining worker reads
/// the current parameters and submits at its next arrival in the stream. A worker's mini-batch is drawn from the
/// shared shuffled stream when its gradient is computed, which is statistically the same as drawing
/// it at read time and keeps every pass over the data an exact epoch. Staleness is counted here, as
/// server updates since the worker's read, independently of the simulator.
final class EmulatedWorkersSource: GradientSource {
    private let computer: GradientComputer
    private let order: SubmissionSequence
    private let parameterCount: Int
    private let rampsWorkers: Bool
    private let snapshots: FloatBuffer
    private let gradient: FloatBuffer
    private var readUpdates: [Int]
    private var active = 0
    private var updates = 0
    private var submitting = 0

    init(computer: GradientComputer, parameterCount: Int, order: SubmissionSequence, rampsWorkers: Bool) {
        self.computer = computer
        self.order = order
        self.parameterCount = parameterCount
        self.rampsWorkers = rampsWorkers
        snapshots = FloatBuffer(count: order.workers * parameterCount)
        gradient = FloatBuffer(count: parameterCount)
        readUpdates = Array(repeating: 0, count: order.workers)
    }

    private func snapshot(_ worker: Int) -> UnsafeMutableBufferPointer<Float> {
        snapshots.slice(offset: worker * parameterCount, count: parameterCount)
    }

    func next(step: Int, progress: Double, parameters: FloatBuffer) -> PendingUpdate? {
        let wanted = rampsWorkers ? max(1, Int((Double(order.workers) * progress).rounded())) : order.workers
        while active < wanted {
            _ = snapshot(active).update(fromContentsOf: parameters.storage)
            readUpdates[active] = updates
            active += 1
        }
        // A simulated sequence extends itself; a trace was checked to cover every update.
        submitting = order.next(active: active)!
        let read = UnsafeBufferPointer(snapshot(submitting))
        let outcome = computer.compute(on: read, into: gradient.storage)
        return PendingUpdate(gradient: gradient.storage, staleParameters: read,
                             staleness: updates - readUpdates[submitting], outcome: outcome,
                             worker: submitting)
    }

    func didApply(parameters: FloatBuffer) {
        updates += 1
        _ = snapshot(submitting).update(fromContentsOf: parameters.storage)
        readUpdates[submitting] = updates
    }

    func drain() -> [PendingUpdate] { [] }
    var bufferBytes: Int { snapshots.byteCount + gradient.byteCount }
}
