/// Stochastic gradient descent exactly as `torch.optim.SGD` with dampening 0:
///
///     d = g + weightDecay·p
///     b = momentum·b + d            (b starts at 0, so the first step has b = d, as in PyTorch)
///     d = nesterov ? d + momentum·b : b      (only when momentum ≠ 0)
///     p = p − lr·d
public final class SGD: Optimizer {
    public let parameterCount: Int
    /// Momentum factor in [0, 1); 0 disables the momentum buffer.
    public let momentum: Float
    /// Whether to use Nesterov momentum (requires momentum > 0).
    public let nesterov: Bool
    /// L2 penalty factor added to the gradient.
    public let weightDecay: Float
    private let buffer: UnsafeMutableBufferPointer<Float>

    /// An optimizer for `parameterCount` parameters. - Precondition: `parameterCount >= 0`.
    public init(parameterCount: Int, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        self.parameterCount = parameterCount
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        buffer = allocateState(momentum == 0 ? 0 : parameterCount)
    }

    deinit { buffer.deallocate() }

    public func step(parameters p: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                     learningRate lr: Float) {
        checkSizes(p, g)
        let wd = weightDecay, m = momentum, b = buffer
        if m == 0 {
            for i in 0..<parameterCount {
                let d = g[i] + wd * p[i]
                p[i] -= lr * d
            }
        } else if nesterov {
            for i in 0..<parameterCount {
                let d = g[i] + wd * p[i]
                let v = m * b[i] + d
                b[i] = v
                p[i] -= lr * (d + m * v)
            }
        } else {
            for i in 0..<parameterCount {
                let d = g[i] + wd * p[i]
                let v = m * b[i] + d
                b[i] = v
                p[i] -= lr * v
            }
        }
    }
}
