/// Bias, ReLU and 2×2 max-pooling (stride 2) fused, with the winners kept for the backward pass.
///
/// Pooling first and adding the bias after is exact: x ↦ max(0, x + b) is non-decreasing, so the
/// largest raw convolution output of a window gives the largest activation. The input is the raw
/// convolution output of a group of images, channel-major ([c][i][side][side], as a matrix product
/// weights · patches leaves it); the output is image-major ([i][c][side/2][side/2]), which is the
/// per-image order the next layer reads and PyTorch's flatten order.
enum BiasReLUPool {
    /// Pools `input` into `output` and stores in `winners` the index (into `input`) of each window's
    /// first maximum in row-major order, as PyTorch's max-pool picks it. - Precondition: `side` even.
    static func forward(
        _ input: UnsafePointer<Float>, channels: Int, images: Int, side: Int,
        bias: UnsafePointer<Float>,
        into output: UnsafeMutablePointer<Float>, winners: UnsafeMutablePointer<Int32>
    ) {
        let half = side &>> 1
        let plane = side &* side
        var out = 0
        for i in 0..<images {
            for c in 0..<channels {
                let b = bias[c]
                let planeStart = (c &* images &+ i) &* plane
                for oy in 0..<half {
                    var top = planeStart &+ 2 &* oy &* side
                    for _ in 0..<half {
                        let bottom = top &+ side
                        var best = input[top], at = top
                        let v1 = input[top &+ 1]
                        if v1 > best { best = v1; at = top &+ 1 }
                        let v2 = input[bottom]
                        if v2 > best { best = v2; at = bottom }
                        let v3 = input[bottom &+ 1]
                        if v3 > best { best = v3; at = bottom &+ 1 }
                        output[out] = max(best + b, 0)
                        winners[out] = Int32(truncatingIfNeeded: at)
                        out &+= 1
                        top &+= 2
                    }
                }
            }
        }
    }

    /// Turns the gradient with respect to the pooled activations into the gradient with respect to
    /// the raw convolution output (overwriting all `images`·`channels`·side² entries of
    /// `inputGradient`), and adds the bias gradient into `biasGradient`.
    static func backward(
        _ outputGradient: UnsafePointer<Float>, output: UnsafePointer<Float>,
        winners: UnsafePointer<Int32>, channels: Int, images: Int, side: Int,
        into inputGradient: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>
    ) {
        inputGradient.update(repeating: 0, count: images &* channels &* side &* side)
        let pooled = (side &>> 1) &* (side &>> 1)
        var out = 0
        for _ in 0..<images {
            for c in 0..<channels {
                var sum: Float = 0
                for _ in 0..<pooled {
                    if output[out] > 0 {
                        let g = outputGradient[out]
                        inputGradient[Int(winners[out])] = g
                        sum += g
                    }
                    out &+= 1
                }
                biasGradient[c] += sum
            }
        }
    }
}
