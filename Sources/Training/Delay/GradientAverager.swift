/// Averages several mini-batch gradients into one, weighting each by its batch's examples, so the
/// result is the mean-loss gradient over all their examples. A single gradient is left untouched
/// (bit for bit), so an average of one equals plain synchronous training.
///
/// Two preallocated buffers: the running sum and the next gradient; nothing is allocated per use.
final class GradientAverager {
    private let computer: GradientComputer
    /// The average (valid after ``finish()``).
    let sum: FloatBuffer
    private let scratch: FloatBuffer
    private var outcome = BatchOutcome(lossSum: 0, correct: 0, count: 0)
    private var gradients = 0
    private var firstCount = 0

    init(computer: GradientComputer, parameterCount: Int) {
        self.computer = computer
        sum = FloatBuffer(count: parameterCount)
        scratch = FloatBuffer(count: parameterCount)
    }

    /// Gradients added since the last ``finish()``.
    var count: Int { gradients }

    /// Computes the next batch's gradient at `parameters` and adds it.
    func add(on parameters: UnsafeBufferPointer<Float>) {
        if gradients == 0 {
            let first = computer.compute(on: parameters, into: sum.storage)
            outcome = first
            firstCount = first.count
        } else {
            if gradients == 1 { scale(sum.storage, by: Float(firstCount)) }
            let next = computer.compute(on: parameters, into: scratch.storage)
            let weight = Float(next.count)
            let s = sum.storage.baseAddress!, g = scratch.storage.baseAddress!
            for i in 0..<sum.count { s[i] += weight * g[i] }
            outcome.lossSum += next.lossSum
            outcome.correct += next.correct
            outcome.count += next.count
        }
        gradients += 1
    }

    /// Turns the sum into the mean and returns the combined outcome; the next ``add(on:)`` starts over.
    func finish() -> BatchOutcome {
        if gradients > 1 { scale(sum.storage, by: 1 / Float(outcome.count)) }
        gradients = 0
        return outcome
    }

    private func scale(_ values: UnsafeMutableBufferPointer<Float>, by factor: Float) {
        let v = values.baseAddress!
        for i in 0..<values.count { v[i] *= factor }
    }

    var bufferBytes: Int { sum.byteCount + scratch.byteCount }
}
