/// No delay: each step's gradient is computed on the current parameters and applied at once.
final class SynchronousSource: GradientSource {
    private let computer: GradientComputer
    private let gradient: FloatBuffer

    init(computer: GradientComputer, parameterCount: Int) {
        self.computer = computer
        gradient = FloatBuffer(count: parameterCount)
    }

    func next(step: Int, progress: Double, parameters: FloatBuffer) -> PendingUpdate? {
        let outcome = computer.compute(on: parameters.readable, into: gradient.storage)
        return PendingUpdate(gradient: gradient.storage, staleParameters: nil, staleness: 0, outcome: outcome)
    }

    func didApply(parameters: FloatBuffer) {}
    func drain() -> [PendingUpdate] { [] }
    var bufferBytes: Int { 0 }
}
