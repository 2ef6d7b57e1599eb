import Foundation
import Testing
@testable import Training

/// Steps an optimizer on copies of the given vectors and returns the parameters after each step.
func run(_ optimizer: any Optimizer, from start: [Float], gradients: [[Float]], learningRate: Float) -> [[Float]] {
    var parameters = start
    var history: [[Float]] = []
    for gradient in gradients {
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in optimizer.step(parameters: p, gradient: g, learningRate: learningRate) }
        }
        history.append(parameters)
    }
    return history
}

func expectClose(_ got: [Float], _ want: [Double], tolerance: Double = 1e-6,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(got.count == want.count, sourceLocation: sourceLocation)
    for (g, w) in zip(got, want) {
        #expect(abs(Double(g) - w) <= tolerance * max(1, abs(w)), "got \(got), want \(want)",
                sourceLocation: sourceLocation)
    }
}

@Suite struct OptimizerTests {
    static let p0: [Float] = [1, -2, 0.5]
    static let g1: [Float] = [0.1, 0.2, -0.3]
    static let g2: [Float] = [0.2, -0.1, 0.4]

    @Test func plainSGD() {
        let steps = run(SGD(parameterCount: 3), from: Self.p0, gradients: [Self.g1], learningRate: 0.1)
        expectClose(steps[0], [0.99, -2.02, 0.53])
    }

    @Test func sgdMomentumOverTwoSteps() {
        // Step 1: b = g1, p = p0 − 0.1·g1. Step 2: b = 0.9·g1 + g2 = [0.29, 0.08, 0.13], p −= 0.1·b.
        let steps = run(SGD(parameterCount: 3, momentum: 0.9), from: Self.p0, gradients: [Self.g1, Self.g2],
                        learningRate: 0.1)
        expectClose(steps[0], [0.99, -2.02, 0.53])
        expectClose(steps[1], [0.961, -2.028, 0.517])
    }

    @Test func sgdNesterovOverTwoSteps() {
        // Step 1: b = g1, d = g1 + 0.9·b = [0.19, 0.38, −0.57], p = [0.981, −2.038, 0.557].
        // Step 2: b = [0.29, 0.08, 0.13], d = g2 + 0.9·b = [0.461, −0.028, 0.517], p −= 0.1·d.
        let steps = run(SGD(parameterCount: 3, momentum: 0.9, nesterov: true), from: Self.p0,
                        gradients: [Self.g1, Self.g2], learningRate: 0.1)
        expectClose(steps[0], [0.981, -2.038, 0.557])
        expectClose(steps[1], [0.9349, -2.0352, 0.5053])
    }

    @Test func sgdWeightDecayAddsToTheGradient() {
        // d = g1 + 0.01·p0 = [0.11, 0.18, −0.295].
        let steps = run(SGD(parameterCount: 3, weightDecay: 0.01), from: Self.p0, gradients: [Self.g1],
                        learningRate: 0.1)
        expectClose(steps[0], [0.989, -2.018, 0.5295])
    }

    /// Adam's closed form at step t: m_t = (1−β1) Σ β1^(t−k) g_k, v_t = (1−β2) Σ β2^(t−k) g_k²,
    /// p_t = p_(t−1) − lr · (m_t/(1−β1^t)) / (√(v_t/(1−β2^t)) + ε).
    static func adamClosedForm(p0: [Float], gradients: [[Float]], lr: Double, b1: Double = 0.9,
                               b2: Double = 0.999, eps: Double = 1e-8) -> [[Double]] {
        var p = p0.map(Double.init)
        var history: [[Double]] = []
        for t in 1...gradients.count {
            for i in p.indices {
                var m = 0.0, v = 0.0
                for k in 1...t {
                    let g = Double(gradients[k - 1][i])
                    m += (1 - b1) * pow(b1, Double(t - k)) * g
                    v += (1 - b2) * pow(b2, Double(t - k)) * g * g
                }
                let mHat = m / (1 - pow(b1, Double(t))), vHat = v / (1 - pow(b2, Double(t)))
                p[i] -= lr * mHat / (vHat.squareRoot() + eps)
            }
            history.append(p)
        }
        return history
    }

    @Test func adamFirstStepMovesByTheLearningRate() {
        // m̂ = g, v̂ = g², so p1 = p0 − lr·g/(|g| + ε) ≈ p0 − lr·sign(g).
        let steps = run(Adam(parameterCount: 3), from: Self.p0, gradients: [Self.g1], learningRate: 0.1)
        expectClose(steps[0], [0.9, -2.1, 0.6])
    }

    @Test func adamFollowsTheClosedFormForThreeSteps() {
        let gradients = [Self.g1, Self.g2, [-0.05, 0.3, 0.01]]
        let steps = run(Adam(parameterCount: 3), from: Self.p0, gradients: gradients, learningRate: 0.01)
        let expected = Self.adamClosedForm(p0: Self.p0, gradients: gradients, lr: 0.01)
        for (got, want) in zip(steps, expected) { expectClose(got, want) }
    }

    @Test func adamAddsEpsilonAfterTheBiasCorrectedRoot() {
        // With ε = 0.1 its placement shows: p1 = p0 − lr·g/(|g| + ε) = p0 − 0.1·[0.1/0.2, 0.2/0.3, −0.3/0.4].
        let steps = run(Adam(parameterCount: 3, epsilon: 0.1), from: Self.p0, gradients: [Self.g1], learningRate: 0.1)
        expectClose(steps[0], [0.95, -2.0 - 0.2 / 3, 0.575])
    }

    @Test func adamWeightDecayIsL2OnTheGradient() {
        // d = g1 + 0.5·p0 = [0.6, −0.8, −0.05]: the second coordinate now moves up.
        let steps = run(Adam(parameterCount: 3, weightDecay: 0.5), from: Self.p0, gradients: [Self.g1],
                        learningRate: 0.1)
        expectClose(steps[0], [0.9, -1.9, 0.6])
    }

    @Test func adagradOverTwoSteps() {
        // Step 1: s = g1², p = p0 − 0.1·sign(g1). Step 2: s = g1² + g2² = [0.05, 0.05, 0.25],
        // p −= 0.1·g2/√s = 0.1·[0.894427191, −0.447213595, 0.8].
        let steps = run(Adagrad(parameterCount: 3), from: Self.p0, gradients: [Self.g1, Self.g2], learningRate: 0.1)
        expectClose(steps[0], [0.9, -2.1, 0.6])
        expectClose(steps[1], [0.8105572809, -2.0552786405, 0.52])
    }

    @Test func rmspropFirstStep() {
        // s = 0.01·g², √s = 0.1·|g|, so p1 = p0 − lr·10·sign(g).
        let steps = run(RMSProp(parameterCount: 3), from: Self.p0, gradients: [Self.g1], learningRate: 0.01)
        expectClose(steps[0], [0.9, -2.1, 0.6])
    }

    @Test func centeredRMSPropFirstStep() {
        // ḡ = 0.01·g, s − ḡ² = 0.0099·g², so p1 = p0 − lr·sign(g)/√0.0099 = p0 − 0.100503782·sign(g).
        let steps = run(RMSProp(parameterCount: 3, centered: true), from: Self.p0, gradients: [Self.g1],
                        learningRate: 0.01)
        expectClose(steps[0], [0.899496218, -2.100503782, 0.600503782])
    }

    @Test func rmspropMomentumOverTwoSteps() {
        // Step 1: b = g1/(0.1·|g1|) = [10, 10, −10], p = p0 − 0.01·b.
        // Step 2: s = 0.99·0.01·g1² + 0.01·g2² = [0.000499, 0.000496, 0.002491], b = 0.9·b + g2/√s.
        let s: [Double] = [0.000499, 0.000496, 0.002491]
        let b2 = (0..<3).map { 0.9 * [10.0, 10, -10][$0] + Double(Self.g2[$0]) / s[$0].squareRoot() }
        let p1: [Double] = [0.9, -2.1, 0.6]
        let steps = run(RMSProp(parameterCount: 3, momentum: 0.9), from: Self.p0, gradients: [Self.g1, Self.g2],
                        learningRate: 0.01)
        expectClose(steps[0], p1)
        expectClose(steps[1], (0..<3).map { p1[$0] - 0.01 * b2[$0] }, tolerance: 1e-5)
    }

    @Test(arguments: OptimizerKind.allCases)
    func aNaNGradientPoisonsOnlyItsParameter(kind: OptimizerKind) {
        // A diverged run must stay visibly diverged: NaN in, NaN out (no clamping it away).
        let optimizer = OptimizerSettings(kind: kind, momentum: kind == .rmsprop ? 0.5 : nil)
            .makeOptimizer(parameterCount: 3)
        let steps = run(optimizer, from: Self.p0, gradients: [[0.1, .nan, -0.3]], learningRate: 0.01)
        #expect(steps[0][1].isNaN)
        #expect(steps[0][0].isFinite && steps[0][2].isFinite)
    }

    @Test(arguments: OptimizerKind.allCases)
    func settingsBuildTheRightOptimizer(kind: OptimizerKind) throws {
        let settings = OptimizerSettings(kind: kind)
        try settings.validate()
        let optimizer = settings.makeOptimizer(parameterCount: 5)
        #expect(optimizer.parameterCount == 5)
        switch kind {
        case .sgd: #expect((optimizer as? SGD)?.momentum == 0.9)
        case .adam: #expect(optimizer is Adam)
        case .adagrad: #expect((optimizer as? Adagrad)?.epsilon == 1e-10)
        case .rmsprop: #expect((optimizer as? RMSProp)?.momentum == 0)
        }
    }

    @Test(arguments: [
        (OptimizerSettings(learningRate: -0.1), "learning rate must be a finite number ≥ 0, got -0.1"),
        (OptimizerSettings(learningRate: .nan), "learning rate must be a finite number ≥ 0, got nan"),
        (OptimizerSettings(learningRate: .infinity), "learning rate must be a finite number ≥ 0, got inf"),
        (OptimizerSettings(momentum: 1), "momentum must be in [0, 1), got 1.0"),
        (OptimizerSettings(weightDecay: -1), "weight decay must be a finite number ≥ 0, got -1.0"),
        (OptimizerSettings(kind: .adam, beta2: 1), "beta2 must be in [0, 1), got 1.0"),
        (OptimizerSettings(kind: .adam, epsilon: 0), "epsilon must be a finite number > 0, got 0.0"),
        (OptimizerSettings(kind: .rmsprop, alpha: -0.5), "alpha must be in [0, 1), got -0.5"),
        (OptimizerSettings(kind: .adam, nesterov: true), "Nesterov momentum applies only to sgd, not adam"),
        (OptimizerSettings(momentum: 0, nesterov: true), "Nesterov momentum needs a momentum > 0"),
        (OptimizerSettings(centered: true), "centered applies only to rmsprop, not sgd"),
        (OptimizerSettings(schedule: .step(everyEpochs: 0, factor: 0.1)),
         "step schedule: the period must be at least 1 epoch, got 0"),
    ])
    func validationRejectsBadSettings(settings: OptimizerSettings, message: String) {
        #expect(throws: OptimizerSettingsError(message)) { try settings.validate() }
    }

    @Test func settingsRoundTripThroughJSON() throws {
        let settings = OptimizerSettings(kind: .adam, learningRate: 0.001, schedule: .step(everyEpochs: 10, factor: 0.1),
                                         weightDecay: 1e-4)
        let json = try JSONEncoder().encode(settings)
        #expect(String(decoding: json, as: UTF8.self).contains("\"schedule\":\"step:10:0.1\""))
        #expect(try JSONDecoder().decode(OptimizerSettings.self, from: json) == settings)
    }
}
