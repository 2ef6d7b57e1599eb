import GSLRandom

/// Stale reads with sampled delays: the gradient applied at step t is computed on the parameters as
/// they were at the start of step t − τ_t, with τ_t drawn from a delay distribution.
///
/// When t − τ_t < 0 the read would predate training and the server applies nothing at that step (no
/// batch is drawn). With a one-point distribution at D this reproduces ``ConstantDelaySource``
/// update for update: the same parameters, batches and order. Snapshots of the parameters at the
/// start of the last `maxDelay + 1` steps live in one preallocated ring.
final class SampledDelaySource: GradientSource {
    private let computer: GradientComputer
    private let sampler: DiscreteSampler
    private let parameterCount: Int
    private let capacity: Int
    private let snapshots: FloatBuffer
    private let gradient: FloatBuffer
    private var updatesAtStep: [Int]
    private var updates = 0

    init(computer: GradientComputer, parameterCount: Int, distribution: DelayDistribution, seed: UInt64) {
        self.computer = computer
        self.parameterCount = parameterCount
        sampler = DiscreteSampler(probabilities: distribution.probabilities, seed: seed)
        capacity = distribution.maxDelay + 1
        snapshots = FloatBuffer(count: capacity * parameterCount)
        gradient = FloatBuffer(count: parameterCount)
        updatesAtStep = Array(repeating: 0, count: capacity)
    }

    func next(step: Int, progress: Double, parameters: FloatBuffer) -> PendingUpdate? {
        let slot = step % capacity
        _ = snapshot(slot).update(fromContentsOf: parameters.storage)
        updatesAtStep[slot] = updates
        let delay = Int((Double(sampler.next()) * progress).rounded())
        guard step - delay >= 0 else { return nil }
        let readSlot = (step - delay) % capacity
        let read = UnsafeBufferPointer(snapshot(readSlot))
        let outcome = computer.compute(on: read, into: gradient.storage)
        return PendingUpdate(gradient: gradient.storage, staleParameters: read,
                             staleness: updates - updatesAtStep[readSlot], outcome: outcome)
    }

    private func snapshot(_ slot: Int) -> UnsafeMutableBufferPointer<Float> {
        snapshots.slice(offset: slot * parameterCount, count: parameterCount)
    }

    func didApply(parameters: FloatBuffer) { updates += 1 }
    func drain() -> [PendingUpdate] { [] }
    var bufferBytes: Int { snapshots.byteCount + gradient.byteCount }
}
