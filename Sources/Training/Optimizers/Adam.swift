import Foundation

/// Adam exactly as `torch.optim.Adam` (not AMSGrad), at step t = 1, 2, …:
///
///     d = g + weightDecay·p
///     m = m + (1 − β1)·(d − m)                 (PyTorch's lerp; m, v start at 0)
///     v = β2·v + (1 − β2)·d²
///     p = p − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
///
/// ε is added after the bias-corrected square root, as in PyTorch.
public final class Adam: Optimizer {
    public let parameterCount: Int
    /// Decay of the first moment, in [0, 1).
    public let beta1: Float
    /// Decay of the second moment, in [0, 1).
    public let beta2: Float
    /// Added to the denominator, > 0.
    public let epsilon: Float
    /// L2 penalty factor added to the gradient.
    public let weightDecay: Float
    /// Steps taken so far.
    public private(set) var stepCount = 0
    private let firstMoment: UnsafeMutableBufferPointer<Float>
    private let secondMoment: UnsafeMutableBufferPointer<Float>

    /// An optimizer for `parameterCount` parameters with PyTorch's defaults.
    public init(parameterCount: Int, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0) {
        self.parameterCount = parameterCount
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        firstMoment = allocateState(parameterCount)
        secondMoment = allocateState(parameterCount)
    }

    deinit {
        firstMoment.deallocate()
        secondMoment.deallocate()
    }

    public func step(parameters p: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                     learningRate lr: Float) {
        checkSizes(p, g)
        stepCount += 1
        // PyTorch computes the bias corrections in Python floats (double precision).
        let t = Double(stepCount)
        let correction1 = 1 - pow(Double(beta1), t)
        let correction2 = 1 - pow(Double(beta2), t)
        let stepSize = Float(Double(lr) / correction1)
        let correction2Root = Float(correction2.squareRoot())
        let wd = weightDecay, b1 = 1 - beta1, b2 = beta2, oneMinusB2 = 1 - beta2, eps = epsilon
        let m = firstMoment, v = secondMoment
        for i in 0..<parameterCount {
            let d = g[i] + wd * p[i]
            let mi = m[i] + b1 * (d - m[i])
            let vi = b2 * v[i] + oneMinusB2 * d * d
            m[i] = mi
            v[i] = vi
            p[i] -= stepSize * (mi / (nonNegativeSquareRoot(vi) / correction2Root + eps))
        }
    }
}
