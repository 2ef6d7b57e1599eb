/// Mitigations of stale gradients, each off by default and combinable with any delay model.
public struct Remedies: Codable, Hashable, Sendable {
    /// Delay compensation (DC-ASGD, Zheng et al., ICML 2017):
    /// g̃ = g + λ·g⊙g⊙(w_now − w_stale).
    public enum Compensation: Codable, Hashable, Sendable {
        /// DC-ASGD-c: constant λ (the paper's default 0.04).
        case constant(lambda: Double)
        /// DC-ASGD-a: λ_t = λ₀ / √(MeanSquare_t + ε) element-wise, with
        /// MeanSquare_t = m·MeanSquare_{t−1} + (1 − m)·g_t⊙g_t (the paper's defaults λ₀ = 2, m = 0.95,
        /// ε = 1e-7).
        case adaptive(lambda: Double, momentum: Double)

        /// λ₀ of adaptive DC-ASGD when none is given (the paper's).
        public static let defaultAdaptiveLambda = 2.0
        /// The running-mean factor m of adaptive DC-ASGD when none is given (the paper's).
        public static let defaultAdaptiveMomentum = 0.95
    }

    /// Per-update learning-rate scaling by the update's staleness τ.
    public enum StalenessScaling: Codable, Hashable, Sendable {
        /// η unchanged.
        case none
        /// η/τ for τ ≥ 1, η at τ = 0 (staleness-aware async SGD, Zhang et al., IJCAI 2016).
        case inverse
        /// η·min(1, c/τ): the delay-adaptive rule (Mishchenko et al., NeurIPS 2022).
        case capped(c: Double)
        /// η·(1 + τ)^−a: polynomial staleness weighting, as federated simulators use it (a ≥ 0).
        case polynomial(a: Double)
    }

    /// Grow the delay (or the number of emulated workers) linearly from 0 to its target over this
    /// many epochs; 0 turns the ramp off.
    public var rampEpochs: Int = 0
    /// Rescale any gradient whose global L2 norm exceeds this bound down to the bound.
    public var clipNorm: Double?
    /// Delay compensation, if any.
    public var compensation: Compensation?
    /// Learning-rate scaling by staleness.
    public var stalenessScaling: StalenessScaling = .none

    /// No remedies.
    public init() {}

    /// Checks every value.
    /// - Throws: `TrainingError.invalidConfiguration` naming the bad value.
    public func validate(epochs: Int) throws(TrainingError) {
        guard rampEpochs >= 0 else { throw .invalidConfiguration("ramp epochs must be ≥ 0, got \(rampEpochs)") }
        guard rampEpochs <= epochs else {
            throw .invalidConfiguration("the ramp (\(rampEpochs) epochs) is longer than the run (\(epochs) epochs)")
        }
        if let clipNorm, !(clipNorm.isFinite && clipNorm > 0) {
            throw .invalidConfiguration("clipping norm must be a positive number, got \(clipNorm)")
        }
        switch compensation {
        case let .constant(lambda)?, let .adaptive(lambda, _)?:
            guard lambda.isFinite, lambda >= 0 else {
                throw .invalidConfiguration("delay-compensation λ must be ≥ 0, got \(lambda)")
            }
            if case let .adaptive(_, momentum)? = compensation, !(momentum >= 0 && momentum < 1) {
                throw .invalidConfiguration("delay-compensation momentum must be in [0, 1), got \(momentum)")
            }
        case nil: break
        }
        if case let .capped(c) = stalenessScaling, !(c.isFinite && c > 0) {
            throw .invalidConfiguration("the delay-adaptive constant c must be positive, got \(c)")
        }
        if case let .polynomial(a) = stalenessScaling, !(a.isFinite && a >= 0) {
            throw .invalidConfiguration("the staleness exponent a of poly:a must be ≥ 0, got \(a)")
        }
    }

    /// Whether a delay model must keep the parameters each gradient was computed on.
    var needsStaleParameters: Bool { compensation != nil }

    /// Names of the active remedies, for run names and tables (empty when none).
    public var summary: [String] {
        var parts: [String] = []
        if rampEpochs > 0 { parts.append("ramp\(rampEpochs)") }
        if let clipNorm { parts.append("clip\(clipNorm)") }
        switch compensation {
        case let .constant(lambda)?: parts.append("dc\(lambda)")
        case let .adaptive(lambda, _)?: parts.append("dca\(lambda)")
        case nil: break
        }
        switch stalenessScaling {
        case .none: break
        case .inverse: parts.append("lr/tau")
        case let .capped(c): parts.append("lr-min1-c\(c)/tau")
        case let .polynomial(a): parts.append("lr-poly\(a)")
        }
        return parts
    }
}
