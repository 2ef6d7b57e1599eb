/// Adagrad exactly as `torch.optim.Adagrad` with no learning-rate decay and a zero initial
/// accumulator:
///
///     d = g + weightDecay·p
///     s = s + d²
///     p = p − lr · d / (√s + ε)
public final class Adagrad: Optimizer {
    public let parameterCount: Int
    /// Added to the denominator, > 0 (PyTorch's default 1e-10).
    public let epsilon: Float
    /// L2 penalty factor added to the gradient.
    public let weightDecay: Float
    private let sumOfSquares: UnsafeMutableBufferPointer<Float>

    /// An optimizer for `parameterCount` parameters with PyTorch's defaults.
    public init(parameterCount: Int, epsilon: Float = 1e-10, weightDecay: Float = 0) {
        self.parameterCount = parameterCount
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        sumOfSquares = allocateState(parameterCount)
    }

    deinit { sumOfSquares.deallocate() }

    public func step(parameters p: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                     learningRate lr: Float) {
        checkSizes(p, g)
        let wd = weightDecay, eps = epsilon, s = sumOfSquares
        for i in 0..<parameterCount {
            let d = g[i] + wd * p[i]
            let si = s[i] + d * d
            s[i] = si
            p[i] -= lr * (d / (nonNegativeSquareRoot(si) + eps))
        }
    }
}
