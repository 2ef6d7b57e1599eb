import Testing
@testable import Training

/// An optimizer that records the gradient and learning rate it is given and does plain SGD.
final class RecordingOptimizer: Optimizer {
    let parameterCount: Int
    init(parameterCount: Int) { self.parameterCount = parameterCount }
    var gradients: [[Float]] = []
    var rates: [Float] = []
    func step(parameters: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
              learningRate: Float) {
        gradients.append(Array(gradient))
        rates.append(learningRate)
        for i in parameters.indices { parameters[i] -= learningRate * gradient[i] }
    }
}

@Suite struct ParameterServerTests {
    func apply(_ remedies: Remedies, gradient: [Float], now: [Float], stale: [Float], staleness: Int = 3,
               rate: Double = 0.5) -> RecordingOptimizer {
        let optimizer = RecordingOptimizer(parameterCount: gradient.count)
        let server = ParameterServer(optimizer: optimizer, remedies: remedies, parameterCount: gradient.count)
        let g = FloatBuffer(gradient), w = FloatBuffer(now), s = FloatBuffer(stale)
        let update = PendingUpdate(gradient: g.storage, staleParameters: s.readable, staleness: staleness,
                                   outcome: BatchOutcome(lossSum: 1, correct: 0, count: 1))
        server.apply(update, to: w, learningRate: rate)
        return optimizer
    }

    /// g̃ = g + λ g² (w − w_stale), by hand: g = (1, −2, 0.5), w − w_stale = (0.5, 1, −2), λ = 0.1
    /// ⇒ (1 + 0.1·1·0.5, −2 + 0.1·4·1, 0.5 + 0.1·0.25·(−2)) = (1.05, −1.6, 0.45).
    @Test func constantCompensationMatchesHandComputation() {
        var remedies = Remedies()
        remedies.compensation = .constant(lambda: 0.1)
        let optimizer = apply(remedies, gradient: [1, -2, 0.5], now: [1, 2, 3], stale: [0.5, 1, 5])
        let expected: [Float] = [1.05, -1.6, 0.45]
        for (got, want) in zip(optimizer.gradients[0], expected) { #expect(abs(got - want) < 1e-6) }
    }

    /// First adaptive step: MeanSquare = (1 − m) g², so λ_i = λ₀/√((1 − m) g_i² + ε).
    @Test func adaptiveCompensationFirstStep() {
        var remedies = Remedies()
        remedies.compensation = .adaptive(lambda: 2, momentum: 0.95)
        let optimizer = apply(remedies, gradient: [1, -2], now: [1, 1], stale: [0, 2])
        let l0 = 2 / (0.05 * 1 + 1e-7).squareRoot(), l1 = 2 / (0.05 * 4 + 1e-7).squareRoot()
        let expected = [1 + l0 * 1 * 1, -2 + l1 * 4 * -1]
        for (got, want) in zip(optimizer.gradients[0], expected) {
            #expect(abs(Double(got) - want) < 1e-4 * abs(want))
        }
    }

    @Test(arguments: [0.01, 0.5, 1.0, 3.0, 100.0])
    func clippingNeverExceedsTheBound(bound: Double) {
        var remedies = Remedies()
        remedies.clipNorm = bound
        let gradient: [Float] = (0..<1000).map { Float(($0 * 7919) % 113) / 17 - 3 }
        let norm = gradient.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        let optimizer = apply(remedies, gradient: gradient, now: gradient, stale: gradient)
        let clipped = optimizer.gradients[0].reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        #expect(clipped <= bound)
        if norm <= bound {
            #expect(optimizer.gradients[0] == gradient)
        } else {
            #expect(clipped > bound * 0.9999)
        }
    }

    @Test func stalenessScaledLearningRates() {
        #expect(ParameterServer.scaled(0.5, staleness: 4, by: .inverse) == 0.125)
        #expect(ParameterServer.scaled(0.5, staleness: 0, by: .inverse) == 0.5)
        #expect(ParameterServer.scaled(0.5, staleness: 8, by: .capped(c: 2)) == 0.125)
        #expect(ParameterServer.scaled(0.5, staleness: 1, by: .capped(c: 2)) == 0.5)
        var remedies = Remedies()
        remedies.stalenessScaling = .inverse
        let optimizer = apply(remedies, gradient: [1], now: [0], stale: [0], staleness: 4, rate: 0.5)
        #expect(optimizer.rates == [0.125])
    }
}
