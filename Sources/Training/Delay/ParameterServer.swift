import Foundation

/// The server side of (a)synchronous SGD: takes a gradient from a delay model, applies the remedies
/// in a fixed order — delay compensation, then clipping, then staleness-scaled learning rate — and
/// hands it to the optimizer, whose state (momentum, Adam moments) lives here.
final class ParameterServer {
    private let optimizer: any Optimizer
    private let remedies: Remedies
    private let meanSquare: FloatBuffer?

    /// Guards clipping against Float rounding: the rescaled norm must not exceed the bound.
    private static let clipSafety = 1 - 1.0 / Double(1 << 22)
    private static let compensationEpsilon: Float = 1e-7

    init(optimizer: any Optimizer, remedies: Remedies, parameterCount: Int) {
        self.optimizer = optimizer
        self.remedies = remedies
        if case .adaptive? = remedies.compensation {
            meanSquare = FloatBuffer(count: parameterCount)
        } else {
            meanSquare = nil
        }
    }

    /// Applies `update` to `parameters` at the schedule's learning rate `learningRate`.
    func apply(_ update: PendingUpdate, to parameters: FloatBuffer, learningRate: Double) {
        let gradient = update.gradient
        if let compensation = remedies.compensation, let stale = update.staleParameters {
            compensate(gradient, now: UnsafeBufferPointer(parameters.storage), stale: stale, with: compensation)
        }
        if let bound = remedies.clipNorm { Self.clip(gradient, to: bound) }
        let rate = Self.scaled(learningRate, staleness: update.staleness, by: remedies.stalenessScaling)
        optimizer.step(parameters: parameters.storage, gradient: UnsafeBufferPointer(gradient),
                       learningRate: Float(rate))
    }

    /// The learning rate for an update of staleness `tau`.
    static func scaled(_ rate: Double, staleness tau: Int, by scaling: Remedies.StalenessScaling) -> Double {
        switch scaling {
        case .none: rate
        case .inverse: tau >= 1 ? rate / Double(tau) : rate
        case let .capped(c): tau >= 1 ? rate * min(1, c / Double(tau)) : rate
        case let .polynomial(a): tau >= 1 ? rate * Foundation.pow(1 + Double(tau), -a) : rate
        }
    }

    /// Rescales `gradient` so its global L2 norm is at most `bound`.
    static func clip(_ gradient: UnsafeMutableBufferPointer<Float>, to bound: Double) {
        var sum = 0.0
        for g in gradient { sum += Double(g) * Double(g) }
        let norm = sum.squareRoot()
        guard norm > bound else { return }
        let scale = Float(bound / norm * clipSafety)
        for i in gradient.indices { gradient[i] *= scale }
    }

    private func compensate(_ gradient: UnsafeMutableBufferPointer<Float>, now: UnsafeBufferPointer<Float>,
                            stale: UnsafeBufferPointer<Float>, with compensation: Remedies.Compensation) {
        let g = gradient.baseAddress!, w = now.baseAddress!, s = stale.baseAddress!
        let n = gradient.count
        switch compensation {
        case let .constant(lambda):
            let l = Float(lambda)
            for i in 0..<n {
                let gi = g[i]
                g[i] = gi + l * gi * gi * (w[i] - s[i])
            }
        case let .adaptive(lambda, momentum):
            let l = Float(lambda), m = Float(momentum), ms = meanSquare!.storage.baseAddress!
            let epsilon = Self.compensationEpsilon
            for i in 0..<n {
                let gi = g[i]
                ms[i] = m * ms[i] + (1 - m) * gi * gi
                g[i] = gi + l / (ms[i] + epsilon).squareRoot() * gi * gi * (w[i] - s[i])
            }
        }
    }
}
