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
    @inline(__always)
    static func forward(
        _ input: UnsafePointer<Float>, channels: Int, images: Int, side: Int,
        bias: UnsafePointer<Float>,
        into output: UnsafeMutablePointer<Float>, winners: UnsafeMutablePointer<Int32>
    ) {
        // Branch-free: which of the four values wins is random, so branches would mispredict.
        let half = side &>> 1
        let plane = side &* side
        let raw = UnsafeRawPointer(input)
        let evenOffsets = SIMD4<Int32>(0, 2, 4, 6)
        var out = 0
        for i in 0..<images {
            for c in 0..<channels {
                let b = bias[c]
                let planeStart = (c &* images &+ i) &* plane
                for oy in 0..<half {
                    var top = planeStart &+ 2 &* oy &* side
                    var ox = 0
                    while ox &+ 4 <= half {
                        let upper = SIMD8<Float>(
                            lowHalf: raw.loadUnaligned(fromByteOffset: top &* 4, as: SIMD4<Float>.self),
                            highHalf: raw.loadUnaligned(fromByteOffset: (top &+ 4) &* 4, as: SIMD4<Float>.self))
                        let lower = SIMD8<Float>(
                            lowHalf: raw.loadUnaligned(fromByteOffset: (top &+ side) &* 4, as: SIMD4<Float>.self),
                            highHalf: raw.loadUnaligned(fromByteOffset: (top &+ side &+ 4) &* 4, as: SIMD4<Float>.self))
                        let corner = SIMD4<Int32>(repeating: Int32(truncatingIfNeeded: top)) &+ evenOffsets
                        var best = upper.evenHalf
                        var at = corner
                        let v1 = upper.oddHalf, v2 = lower.evenHalf, v3 = lower.oddHalf
                        let m1 = v1 .> best
                        best.replace(with: v1, where: m1)
                        at.replace(with: corner &+ 1, where: m1)
                        let m2 = v2 .> best
                        best.replace(with: v2, where: m2)
                        at.replace(with: corner &+ Int32(truncatingIfNeeded: side), where: m2)
                        let m3 = v3 .> best
                        best.replace(with: v3, where: m3)
                        at.replace(with: corner &+ Int32(truncatingIfNeeded: side &+ 1), where: m3)
                        let shifted = best + SIMD4(repeating: b)
                        let activated = shifted.replacing(with: 0, where: .!(shifted .> 0))
                        UnsafeMutableRawPointer(output + out).storeBytes(of: activated, as: SIMD4<Float>.self)
                        UnsafeMutableRawPointer(winners + out).storeBytes(of: at, as: SIMD4<Int32>.self)
                        out &+= 4
                        top &+= 8
                        ox &+= 4
                    }
                    while ox < half {
                        let bottom = top &+ side
                        var best = input[top], at = top
                        let v1 = input[top &+ 1], v2 = input[bottom], v3 = input[bottom &+ 1]
                        at = v1 > best ? top &+ 1 : at
                        best = v1 > best ? v1 : best
                        at = v2 > best ? bottom : at
                        best = v2 > best ? v2 : best
                        at = v3 > best ? bottom &+ 1 : at
                        best = v3 > best ? v3 : best
                        output[out] = max(best + b, 0)
                        winners[out] = Int32(truncatingIfNeeded: at)
                        out &+= 1
                        top &+= 2
                        ox &+= 1
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
        let gradientBytes = UnsafeRawPointer(outputGradient), outputBytes = UnsafeRawPointer(output)
        var out = 0
        for _ in 0..<images {
            for c in 0..<channels {
                // Branch-free (activity is random); writing 0 over the zeroed buffer is harmless.
                let end = out &+ pooled
                var sums = SIMD4<Float>()
                while out &+ 4 <= end {
                    let active = outputBytes.loadUnaligned(fromByteOffset: out &* 4, as: SIMD4<Float>.self) .> 0
                    let g = SIMD4<Float>().replacing(
                        with: gradientBytes.loadUnaligned(fromByteOffset: out &* 4, as: SIMD4<Float>.self),
                        where: active)
                    inputGradient[Int(winners[out])] = g[0]
                    inputGradient[Int(winners[out &+ 1])] = g[1]
                    inputGradient[Int(winners[out &+ 2])] = g[2]
                    inputGradient[Int(winners[out &+ 3])] = g[3]
                    sums += g
                    out &+= 4
                }
                var sum = sums.sum()
                while out < end {
                    let g = output[out] > 0 ? outputGradient[out] : 0
                    inputGradient[Int(winners[out])] = g
                    sum += g
                    out &+= 1
                }
                biasGradient[c] += sum
            }
        }
    }
}
