/// RMSProp exactly as `torch.optim.RMSprop`:
///
///     d = g + weightDecay·p
///     s = α·s + (1 − α)·d²
///     a = centered ? √(s − ā²) + ε with ā = ā + (1 − α)·(d − ā) : √s + ε
///     momentum > 0:  b = momentum·b + d/a,  p = p − lr·b
///     otherwise:     p = p − lr·d/a
public final class RMSProp: Optimizer {
    public let parameterCount: Int
    /// Smoothing constant in [0, 1) (PyTorch's default 0.99).
    public let alpha: Float
    /// Added to the denominator, > 0 (PyTorch's default 1e-8).
    public let epsilon: Float
    /// Momentum factor in [0, 1); 0 disables the momentum buffer.
    public let momentum: Float
    /// Whether to normalise by the estimated variance instead of the second moment.
    public let centered: Bool
    /// L2 penalty factor added to the gradient.
    public let weightDecay: Float
    private let squareAverage: UnsafeMutableBufferPointer<Float>
    private let gradientAverage: UnsafeMutableBufferPointer<Float>
    private let buffer: UnsafeMutableBufferPointer<Float>

    /// An optimizer for `parameterCount` parameters with PyTorch's defaults.
    public init(parameterCount: Int, alpha: Float = 0.99, epsilon: Float = 1e-8, momentum: Float = 0,
                centered: Bool = false, weightDecay: Float = 0) {
        self.parameterCount = parameterCount
        self.alpha = alpha
        self.epsilon = epsilon
        self.momentum = momentum
        self.centered = centered
        self.weightDecay = weightDecay
        squareAverage = allocateState(parameterCount)
        gradientAverage = allocateState(centered ? parameterCount : 0)
        buffer = allocateState(momentum == 0 ? 0 : parameterCount)
    }

    deinit {
        squareAverage.deallocate()
        gradientAverage.deallocate()
        buffer.deallocate()
    }

    public func step(parameters p: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                     learningRate lr: Float) {
        checkSizes(p, g)
        let wd = weightDecay, a = alpha, oneMinusA = 1 - alpha, eps = epsilon, mom = momentum
        let s = squareAverage, ga = gradientAverage, b = buffer
        for i in 0..<parameterCount {
            let d = g[i] + wd * p[i]
            let si = a * s[i] + oneMinusA * d * d
            s[i] = si
            let denominator: Float
            if centered {
                let gi = ga[i] + oneMinusA * (d - ga[i])
                ga[i] = gi
                denominator = (si - gi * gi).squareRoot() + eps
            } else {
                denominator = si.squareRoot() + eps
            }
            if mom != 0 {
                let bi = mom * b[i] + d / denominator
                b[i] = bi
                p[i] -= lr * bi
            } else {
                p[i] -= lr * (d / denominator)
            }
        }
    }
}
