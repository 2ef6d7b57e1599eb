import GSLRandom
import Foundation

/// Draws compute times of a ``WorkerTimeModel`` straight from a GSL generator, with the model's
/// parameters precomputed so a draw is one GSL call (the simulator's inner loop calls it once per gradient).
struct WorkerTimeSampler {
    private enum Kind { case constant, normal, lognormal, exponential, shiftedExponential, gamma, uniform }

    private let kind: Kind
    private let a: Double
    private let b: Double

    init(_ model: WorkerTimeModel) {
        switch model {
        case let .normal(sigma):
            (kind, a, b) = sigma == 0 ? (.constant, 1, 0) : (.normal, sigma, 0)
        case let .lognormal(sigma):
            let logVariance = Foundation.log(1 + sigma * sigma)
            (kind, a, b) = sigma == 0 ? (.constant, 1, 0) : (.lognormal, -logVariance / 2, logVariance.squareRoot())
        case .exponential:
            (kind, a, b) = (.exponential, 1, 0)
        case let .shiftedExponential(sigma):
            (kind, a, b) = sigma == 0 ? (.constant, 1, 0) : (.shiftedExponential, 1 - sigma, sigma)
        case let .gamma(sigma):
            (kind, a, b) = sigma == 0 ? (.constant, 1, 0) : (.gamma, 1 / (sigma * sigma), sigma * sigma)
        case let .uniform(sigma):
            let halfWidth = 3.0.squareRoot() * sigma
            (kind, a, b) = sigma == 0 ? (.constant, 1, 0) : (.uniform, 1 - halfWidth, 1 + halfWidth)
        }
    }

    /// One compute time (> 0 except for the measure-zero lower ends of `shifted-exponential` with
    /// σ = 1 and of `exponential`).
    @inline(__always)
    func draw(_ rng: RandomGenerator) -> Double {
        switch kind {
        case .constant:
            return a
        case .normal:
            // Truncation by redrawing: with σ = 0.2 this loops again once in 3.5 million draws.
            var x: Double
            repeat { x = 1 + rng.gaussian(sd: a) } while x <= 0
            return x
        case .lognormal:
            return rng.logNormal(mu: a, sigma: b)
        case .exponential:
            return rng.exponential(mean: a)
        case .shiftedExponential:
            return a + rng.exponential(mean: b)
        case .gamma:
            return rng.gamma(shape: a, scale: b)
        case .uniform:
            return rng.flat(from: a, to: b)
        }
    }
}
