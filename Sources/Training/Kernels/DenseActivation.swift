/// Row-wise bias and ReLU for a batch of dense-layer outputs ([rows × columns], row-major), and
/// their backward pass.
enum DenseActivation {
    /// values[r][j] += bias[j], then max(0, ·) when `relu`.
    static func addBias(
        _ bias: UnsafePointer<Float>, to values: UnsafeMutablePointer<Float>,
        rows: Int, columns: Int, relu: Bool
    ) {
        var row = values
        for _ in 0..<rows {
            if relu {
                for j in 0..<columns { row[j] = max(row[j] + bias[j], 0) }
            } else {
                for j in 0..<columns { row[j] += bias[j] }
            }
            row += columns
        }
    }

    /// Zeroes gradient entries whose ReLU output was not positive (when `relu`), then adds the
    /// column sums of the gradient to `biasGradient`.
    static func backward(
        _ gradient: UnsafeMutablePointer<Float>, activations: UnsafePointer<Float>,
        rows: Int, columns: Int, relu: Bool, biasGradient: UnsafeMutablePointer<Float>
    ) {
        var g = gradient, a = activations
        for _ in 0..<rows {
            if relu {
                for j in 0..<columns where !(a[j] > 0) { g[j] = 0 }
            }
            for j in 0..<columns { biasGradient[j] += g[j] }
            g += columns
            a += columns
        }
    }
}
