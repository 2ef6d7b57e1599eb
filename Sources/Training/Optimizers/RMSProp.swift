/// RMSProp exactly as `torch.optim.RMSprop`:
///
///     d = g + weightDecay·p
///     s = α·s + (1 − α)·d²
///     a = centered ? √max(s − ā², 0) + ε with ā = ā + (1 − α)·(d − ā) : √s + ε
///     momentum > 0:  b = momentum·b + d/a,  p = p − lr·b
///     otherwise:     p = p − lr·d/a
///
/// The clamp at 0 only matters where rounding makes s − ā² slightly negative (PyTorch gives NaN).
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
        // One specialised loop per variant: with the flags constant each loop vectorizes.
        switch (centered, momentum != 0) {
        case (false, false): update(p, g, lr, centered: false, withMomentum: false)
        case (false, true): update(p, g, lr, centered: false, withMomentum: true)
        case (true, false): update(p, g, lr, centered: true, withMomentum: false)
        case (true, true): update(p, g, lr, centered: true, withMomentum: true)
        }
    }

    @inline(__always)
    private func update(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>, _ lr: Float,
                        centered: Bool, withMomentum: Bool) {
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
                denominator = nonNegativeSquareRoot(si - gi * gi) + eps
            } else {
                denominator = nonNegativeSquareRoot(si) + eps
            }
            if withMomentum {
                let bi = mom * b[i] + d / denominator
                b[i] = bi
                p[i] -= lr * bi
            } else {
                p[i] -= lr * (d / denominator)
            }
        }
    }
}
