/// Everything that defines an optimizer run: the algorithm, its target learning rate and schedule,
/// and its hyper-parameters, with PyTorch's defaults (SGD momentum 0.9 as in the original study).
///
/// Hyper-parameters that the chosen algorithm does not use are ignored (but still range-checked).
public struct OptimizerSettings: Codable, Hashable, Sendable {
    /// The algorithm.
    public var kind: OptimizerKind
    /// The target learning rate, ≥ 0; the schedule scales it per epoch.
    public var learningRate: Double
    /// How the learning rate changes from epoch to epoch.
    public var schedule: LearningRateSchedule
    /// Momentum factor in [0, 1) for SGD and RMSProp; 0 disables momentum.
    public var momentum: Double
    /// Nesterov momentum (SGD only, needs momentum > 0).
    public var nesterov: Bool
    /// L2 penalty ≥ 0, added to the gradient as `weightDecay · parameter` (all algorithms).
    public var weightDecay: Double
    /// Adam's first-moment decay, in [0, 1).
    public var beta1: Double
    /// Adam's second-moment decay, in [0, 1).
    public var beta2: Double
    /// Denominator term > 0 for Adam, Adagrad and RMSProp.
    public var epsilon: Double
    /// RMSProp's smoothing constant, in [0, 1).
    public var alpha: Double
    /// Centred RMSProp (RMSProp only).
    public var centered: Bool

    /// Settings for `kind`. A `nil` momentum means 0.9 for SGD (the study's value) and 0 otherwise;
    /// a `nil` epsilon means 1e-10 for Adagrad and 1e-8 otherwise (PyTorch's defaults).
    public init(kind: OptimizerKind = .sgd, learningRate: Double = 0.01, schedule: LearningRateSchedule = .constant,
                momentum: Double? = nil, nesterov: Bool = false, weightDecay: Double = 0,
                beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double? = nil, alpha: Double = 0.99,
                centered: Bool = false) {
        self.kind = kind
        self.learningRate = learningRate
        self.schedule = schedule
        self.momentum = momentum ?? (kind == .sgd ? 0.9 : 0)
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon ?? (kind == .adagrad ? 1e-10 : 1e-8)
        self.alpha = alpha
        self.centered = centered
    }

    /// These settings with every hyper-parameter that `kind` ignores set to the value of
    /// `OptimizerSettings()` (momentum 0.9, β1 0.9, β2 0.999, ε 1e-8, α 0.99), so that two settings
    /// that train identically are equal and hash equally. (Nesterov and centred stay: ``validate()``
    /// rejects them where they do not apply.)
    public var canonical: OptimizerSettings {
        let unused = OptimizerSettings()
        var result = self
        if kind != .sgd && kind != .rmsprop { result.momentum = unused.momentum }
        if kind != .adam { (result.beta1, result.beta2) = (unused.beta1, unused.beta2) }
        if kind == .sgd { result.epsilon = unused.epsilon }
        if kind != .rmsprop { result.alpha = unused.alpha }
        return result
    }

    /// Checks every setting.
    /// - Throws: `OptimizerSettingsError` naming the first bad setting, its allowed range and value.
    public func validate() throws(OptimizerSettingsError) {
        try Self.check(learningRate, "learning rate", "a finite number ≥ 0") { $0 >= 0 }
        try Self.check(momentum, "momentum", "in [0, 1)") { $0 >= 0 && $0 < 1 }
        try Self.check(weightDecay, "weight decay", "a finite number ≥ 0") { $0 >= 0 }
        try Self.check(beta1, "beta1", "in [0, 1)") { $0 >= 0 && $0 < 1 }
        try Self.check(beta2, "beta2", "in [0, 1)") { $0 >= 0 && $0 < 1 }
        try Self.check(epsilon, "epsilon", "a finite number > 0") { $0 > 0 }
        try Self.check(alpha, "alpha", "in [0, 1)") { $0 >= 0 && $0 < 1 }
        if nesterov && kind != .sgd {
            throw OptimizerSettingsError("Nesterov momentum applies only to sgd, not \(kind.rawValue)")
        }
        if nesterov && momentum == 0 {
            throw OptimizerSettingsError("Nesterov momentum needs a momentum > 0")
        }
        if centered && kind != .rmsprop {
            throw OptimizerSettingsError("centered applies only to rmsprop, not \(kind.rawValue)")
        }
        try schedule.validate()
    }

    /// The learning rate for 0-based `epoch` of a run of `totalEpochs` epochs.
    public func learningRate(epoch: Int, totalEpochs: Int) -> Double {
        schedule.rate(target: learningRate, epoch: epoch, totalEpochs: totalEpochs)
    }

    /// A fresh optimizer (zero state) for `parameterCount` parameters.
    /// - Precondition: ``validate()`` passes and `parameterCount >= 0`.
    public func makeOptimizer(parameterCount: Int) -> any Optimizer {
        precondition((try? validate()) != nil, "optimizer settings must be validated before use")
        switch kind {
        case .sgd:
            return SGD(parameterCount: parameterCount, momentum: Float(momentum), nesterov: nesterov,
                       weightDecay: Float(weightDecay))
        case .adam:
            return Adam(parameterCount: parameterCount, beta1: Float(beta1), beta2: Float(beta2),
                        epsilon: Float(epsilon), weightDecay: Float(weightDecay))
        case .adagrad:
            return Adagrad(parameterCount: parameterCount, epsilon: Float(epsilon), weightDecay: Float(weightDecay))
        case .rmsprop:
            return RMSProp(parameterCount: parameterCount, alpha: Float(alpha), epsilon: Float(epsilon),
                           momentum: Float(momentum), centered: centered, weightDecay: Float(weightDecay))
        }
    }

    private static func check(_ value: Double, _ name: String, _ range: String,
                              _ isAllowed: (Double) -> Bool) throws(OptimizerSettingsError) {
        guard value.isFinite, isAllowed(value) else {
            throw OptimizerSettingsError("\(name) must be \(range), got \(value)")
        }
    }
}
