import Foundation
import GSLRandom
import StalenessSimulation
import Testing
@testable import Training

@Suite struct KernelTests {
    static func noise(_ count: Int, seed: UInt64) -> [Float] {
        let generator = RandomGenerator(seed: seed)
        return (0..<count).map { _ in Float(2 * generator.uniform() - 1) }
    }

    /// The fused convolution and pooling equals pooling the convolution's raw output, which is
    /// computed here in Double from the definition: same winners (indices into the raw output laid
    /// out [c][i][y][x]) and outputs. Shapes (input channels, input side, output channels): conv1's
    /// rows of 32 with 1 input channel and 6 output channels (the AVX2 build's lanes), 8 (a group of
    /// 6 and one of 2) and with 2 input channels and 3 output channels; conv2's rows of 14 with 16
    /// and 32 output channels (the AVX2 build's two vectors of them) and 12 (another path); all with
    /// padded strides.
    @Test(arguments: VectorKernels.available,
          [(1, 32, 6), (1, 32, 8), (2, 32, 3), (6, 14, 16), (6, 14, 32), (3, 14, 12)])
    func fusedConvolutionPoolsTheConvolution(kernels: VectorKernels, shape: (Int, Int, Int)) {
        let (inChannels, inputSide, channels) = shape
        let images = 3, side = inputSide - 4, half = side / 2
        let plane = inputSide * inputSide + 5, imageStride = inChannels * plane + 7
        let input = Self.noise(images * imageStride, seed: 21)
        let weights = Self.noise(channels * inChannels * 25, seed: 22), bias = Self.noise(channels, seed: 23)
        var raw = [Double](repeating: 0, count: channels * images * side * side)
        for c in 0..<channels { for i in 0..<images { for y in 0..<side { for x in 0..<side {
            var sum = 0.0
            for ci in 0..<inChannels { for ky in 0..<5 { for kx in 0..<5 {
                sum += Double(weights[(c * inChannels + ci) * 25 + ky * 5 + kx])
                    * Double(input[i * imageStride + ci * plane + (y + ky) * inputSide + x + kx])
            }}}
            raw[((c * images + i) * side + y) * side + x] = sum
        }}}}
        let (output, winners) = Self.convolutionPoolForward(kernels, input, images: images, inChannels: inChannels,
                                                            inputSide: inputSide, imageStride: imageStride,
                                                            plane: plane, weights: weights, bias: bias)
        var positive = 0
        for i in 0..<images { for c in 0..<channels { for y in 0..<half { for x in 0..<half {
            let top = ((c * images + i) * side + 2 * y) * side + 2 * x
            let window = [top, top + 1, top + side, top + side + 1]
            let best = window.max { raw[$0] < raw[$1] }!
            let o = ((i * channels + c) * half + y) * half + x
            // Near-ties may go either way in Float; then the winner must still hold a maximum.
            #expect(raw[Int(winners[o])] >= raw[best] - 1e-5 && window.contains(Int(winners[o])))
            #expect(abs(Double(output[o]) - max(raw[best] + Double(bias[c]), 0)) <= 1e-5)
            if output[o] > 0 { positive += 1 }
        }}}}
        #expect(positive > 0 && positive < output.count)
    }

    /// On an all-zero input every window is a four-way tie: the first entry (top left) wins, and the
    /// output is the bias after ReLU.
    @Test(arguments: VectorKernels.available, [(1, 32, 6), (2, 32, 3), (6, 14, 16)])
    func fusedPoolingTiesGoToTheFirstEntry(kernels: VectorKernels, shape: (Int, Int, Int)) {
        let (inChannels, inputSide, channels) = shape
        let images = 2, side = inputSide - 4, half = side / 2, plane = inputSide * inputSide
        let bias = Self.noise(channels, seed: 24)
        let (output, winners) = Self.convolutionPoolForward(
            kernels, [Float](repeating: 0, count: images * inChannels * plane), images: images, inChannels: inChannels,
            inputSide: inputSide, imageStride: inChannels * plane, plane: plane,
            weights: Self.noise(channels * inChannels * 25, seed: 25), bias: bias)
        for i in 0..<images { for c in 0..<channels { for y in 0..<half { for x in 0..<half {
            let o = ((i * channels + c) * half + y) * half + x
            #expect(winners[o] == Int32(((c * images + i) * side + 2 * y) * side + 2 * x))
            #expect(output[o] == max(bias[c], 0))
        }}}}
    }

    /// Runs `kernels.convolutionPoolForward` with channels = bias.count; returns outputs and winners.
    static func convolutionPoolForward(
        _ kernels: VectorKernels, _ input: [Float], images: Int, inChannels: Int, inputSide: Int, imageStride: Int,
        plane: Int, weights: [Float], bias: [Float]
    ) -> (output: [Float], winners: [Int32]) {
        let half = (inputSide - 4) / 2
        var output = [Float](repeating: .nan, count: images * bias.count * half * half)
        var winners = [Int32](repeating: -1, count: output.count)
        input.withUnsafeBufferPointer { x in weights.withUnsafeBufferPointer { w in bias.withUnsafeBufferPointer { b in
            output.withUnsafeMutableBufferPointer { o in winners.withUnsafeMutableBufferPointer { n in
                kernels.convolutionPoolForward(x.baseAddress!, images: images, inputChannels: inChannels,
                                               inputSide: inputSide, imageStride: imageStride, planeStride: plane,
                                               weights: w.baseAddress!, bias: b.baseAddress!, channels: bias.count,
                                               into: o.baseAddress!, winners: n.baseAddress!)
            }}
        }}}
        return (output, winners)
    }

    /// Pools a random raw output of `channels`×`images` planes of `side` (channel-major, as winners
    /// index it) by the definition (first maximum in row-major order, then bias and ReLU) and returns
    /// the image-major outputs and winners.
    static func pooled(channels: Int, images: Int, side: Int, seed: UInt64)
        -> (output: [Float], winners: [Int32]) {
        let raw = noise(channels * images * side * side, seed: seed)
        let bias = noise(channels, seed: seed + 1).map { $0 / 4 }
        let half = side / 2
        var output: [Float] = [], winners: [Int32] = []
        for i in 0..<images { for c in 0..<channels { for y in 0..<half { for x in 0..<half {
            let top = ((c * images + i) * side + 2 * y) * side + 2 * x
            var best = top
            for at in [top + 1, top + side, top + side + 1] where raw[at] > raw[best] { best = at }
            output.append(max(raw[best] + bias[c], 0))
            winners.append(Int32(best))
        }}}}
        return (output, winners)
    }

    /// Routing lists, per channel and in image then pooled-output order, exactly the positive pooled
    /// outputs with their gradient and their winner's receptive field in the input (of 7 channels,
    /// planar or channels-last); the bias gradient gains each channel's listed sum.
    @Test(arguments: VectorKernels.available, [10, 28])
    func routingListsThePositiveOutputs(kernels: VectorKernels, side: Int) {
        for layout in [ConvolutionInputLayout.planar(planeStride: (side + 4) * (side + 4)), .channelsLast] {
            routeAndCheck(kernels: kernels, side: side, inputLayout: layout)
        }
    }

    func routeAndCheck(kernels: VectorKernels, side: Int, inputLayout: ConvolutionInputLayout) {
        let channels = 3, images = 2, half = side / 2, inputSide = side + 4, imageStride = 7 * inputSide * inputSide
        let pixelStride = inputLayout.pixelStride(channels: 7)
        let (output, winners) = Self.pooled(channels: channels, images: images, side: side, seed: 5)
        let upstream = Self.noise(output.count, seed: 6)
        let routes = PooledRoutes(channels: channels, maximumImages: images, perImage: half * half)
        var biasGradient: [Float] = [1, 2, 3]
        upstream.withUnsafeBufferPointer { u in output.withUnsafeBufferPointer { o in winners.withUnsafeBufferPointer { w in
            biasGradient.withUnsafeMutableBufferPointer { b in
                kernels.routePooled(u.baseAddress!, output: o.baseAddress!, winners: w.baseAddress!, channels: channels,
                                    images: images, side: side, inputImageStride: imageStride, inputSide: inputSide,
                                    inputChannels: 7, inputLayout: inputLayout, into: routes, biasGradient: b.baseAddress!)
            }
        }}}
        var listedSomething = false, skippedSomething = false
        for c in 0..<channels {
            var expected: [(Float, Int)] = []
            var expectedBias = Double(c + 1)
            for i in 0..<images { for q in 0..<(half * half) {
                let o = (i * channels + c) * half * half + q
                guard output[o] > 0 else { skippedSomething = true; continue }
                let local = Int(winners[o]) - (c * images + i) * side * side
                expected.append((upstream[o], i * imageStride + ((local / side) * inputSide + local % side) * pixelStride))
                expectedBias += Double(upstream[o])
            }}
            let listed = routes.entries(channel: c)
            #expect(listed.map(\.gradient) == expected.map(\.0))
            #expect(listed.map(\.offset) == expected.map(\.1))
            #expect(abs(Double(biasGradient[c]) - expectedBias) <= 1e-5)
            listedSomething = listedSomething || !listed.isEmpty
        }
        #expect(listedSomething && skippedSomething)
    }

    /// The weight and input gradients over the routes equal the dense definitions, in Double, of a
    /// valid convolution (input planes of 14², kernel 5, as conv2) whose output gradient is the
    /// pooled gradient at each positive window's winner and zero elsewhere; the input gradient adds
    /// onto what is there and leaves the slack past the input as it was, up to the sign of a zero.
    /// Channels (input, output): conv2's 6 input channels (the AVX2 build's channels-last rows of 4
    /// vectors, planar rows in groups of 5), 3 input channels with 5 output channels (rows of 2
    /// vectors), and 1 input channel with 5 output channels (conv1's, in pairs and then one alone);
    /// each with the input planar and channels-last.
    @Test(arguments: VectorKernels.available, [(6, 4), (3, 5), (1, 5)])
    func routedGradientsMatchTheDenseConvolution(kernels: VectorKernels, channelCounts: (Int, Int)) {
        let plane = 14 * 14
        for layout in [ConvolutionInputLayout.planar(planeStride: plane), .channelsLast] {
            routedGradientsCheck(kernels: kernels, channelCounts: channelCounts, layout: layout)
        }
    }

    func routedGradientsCheck(kernels: VectorKernels, channelCounts: (Int, Int), layout: ConvolutionInputLayout) {
        let (inChannels, channels) = channelCounts
        let images = 3, inputSide = 14, kernel = 5, side = 10, half = 5
        let plane = inputSide * inputSide, imageStride = inChannels * plane
        let planeStride = layout.planeStride, pixelStride = layout.pixelStride(channels: inChannels)
        let (output, winners) = Self.pooled(channels: channels, images: images, side: side, seed: 7)
        let upstream = Self.noise(output.count, seed: 8)
        let input = Self.noise(images * imageStride, seed: 9)
        let weights = Self.noise(channels * inChannels * kernel * kernel, seed: 10)
        let startWeights = Self.noise(weights.count, seed: 11)
        let startInput = Self.noise(input.count, seed: 12) + [Float](repeating: 0.5, count: VectorKernels.kernelSlack)
        let routes = PooledRoutes(channels: channels, maximumImages: images, perImage: half * half)
        var biasGradient = [Float](repeating: 0, count: channels)
        var weightGradient = startWeights, inputGradient = startInput
        upstream.withUnsafeBufferPointer { u in output.withUnsafeBufferPointer { o in winners.withUnsafeBufferPointer { w in
            biasGradient.withUnsafeMutableBufferPointer { b in
                kernels.routePooled(u.baseAddress!, output: o.baseAddress!, winners: w.baseAddress!, channels: channels,
                                    images: images, side: side, inputImageStride: imageStride, inputSide: inputSide,
                                    inputChannels: inChannels, inputLayout: layout, into: routes,
                                    biasGradient: b.baseAddress!)
            }
        }}}
        input.withUnsafeBufferPointer { x in weightGradient.withUnsafeMutableBufferPointer { g in
            kernels.convolutionWeightGradient(input: x.baseAddress!, inputChannels: inChannels, layout: layout,
                                              inputSide: inputSide, kernel: kernel, routes: routes, channels: channels,
                                              into: g.baseAddress!)
        }}
        weights.withUnsafeBufferPointer { k in inputGradient.withUnsafeMutableBufferPointer { g in
            kernels.convolutionInputGradient(weights: k.baseAddress!, inputChannels: inChannels, layout: layout,
                                             inputSide: inputSide, kernel: kernel, routes: routes, channels: channels,
                                             into: g.baseAddress!)
        }}
        // The dense output gradient, [c][i][y][x], from the pooling's own definition.
        var dense = [Double](repeating: 0, count: channels * images * side * side)
        for i in 0..<images { for c in 0..<channels { for q in 0..<(half * half) {
            let o = (i * channels + c) * half * half + q
            if output[o] > 0 { dense[Int(winners[o])] = Double(upstream[o]) }
        }}}
        var expectedWeights = startWeights.map(Double.init), expectedInput = startInput.map(Double.init)
        for c in 0..<channels { for i in 0..<images { for y in 0..<side { for x in 0..<side {
            let d = dense[((c * images + i) * side + y) * side + x]
            for ci in 0..<inChannels { for ky in 0..<kernel { for kx in 0..<kernel {
                let w = ((c * inChannels + ci) * kernel + ky) * kernel + kx
                let at = i * imageStride + ci * planeStride + ((y + ky) * inputSide + x + kx) * pixelStride
                expectedWeights[w] += d * Double(input[at])
                expectedInput[at] += d * Double(weights[w])
            }}}
        }}}}
        for (got, want) in zip(weightGradient, expectedWeights) { #expect(abs(Double(got) - want) <= 1e-4) }
        for (got, want) in zip(inputGradient, expectedInput) { #expect(abs(Double(got) - want) <= 1e-4) }
        #expect(Array(inputGradient.suffix(VectorKernels.kernelSlack)) == Array(startInput.suffix(VectorKernels.kernelSlack)))
    }

    /// Transposing puts entry (r, c) of each image's matrix at (c, r), and transposing back restores
    /// the input: conv1's maps (6 × 196, both ways) and an odd shape.
    @Test(arguments: VectorKernels.available, [(6, 196), (3, 7)])
    func transposeSwapsRowsAndColumns(kernels: VectorKernels, shape: (Int, Int)) {
        let (rows, columns) = shape, images = 3, size = rows * columns
        let source = Self.noise(images * size, seed: 13)
        var transposed = [Float](repeating: .nan, count: source.count), back = transposed
        source.withUnsafeBufferPointer { s in transposed.withUnsafeMutableBufferPointer { t in
            kernels.transpose(s.baseAddress!, images: images, rows: rows, columns: columns, into: t.baseAddress!)
        }}
        transposed.withUnsafeBufferPointer { t in back.withUnsafeMutableBufferPointer { b in
            kernels.transpose(t.baseAddress!, images: images, rows: columns, columns: rows, into: b.baseAddress!)
        }}
        for i in 0..<images { for r in 0..<rows { for c in 0..<columns {
            #expect(transposed[i * size + c * rows + r] == source[i * size + r * columns + c])
        }}}
        #expect(back == source)
    }

    /// Loss = logsumexp(z) − z[label]; gradient = scale·(softmax − onehot); correct = first argmax.
    @Test func logSoftmaxLossClosedForm() {
        let logits: [Float] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   // uniform: loss log 10, tie → class 0
                               1, 2, 3, -1, 0.5, 7, 2, 2, -4, 0]
        let labels: [Int32] = [3, 5]
        var gradient = [Float](repeating: .nan, count: 20)
        let (lossSum, correct) = logits.withUnsafeBufferPointer { z in labels.withUnsafeBufferPointer { l in
            gradient.withUnsafeMutableBufferPointer { g in
                LogSoftmaxLoss.evaluate(z.baseAddress!, labels: l.baseAddress!, rows: 2, classes: 10,
                                        gradient: g.baseAddress!, scale: 0.5)
            }
        }}
        let second = logits[10...].map(Double.init)
        let logTotal = log(second.reduce(0) { $0 + exp($1) })
        #expect(abs(lossSum - (log(10) + logTotal - 7)) <= 1e-12)
        #expect(correct == 1)
        for j in 0..<10 {
            #expect(abs(Double(gradient[j]) - 0.5 * (0.1 - (j == 3 ? 1 : 0))) <= 1e-7)
            let softmax = exp(second[j] - logTotal)
            #expect(abs(Double(gradient[10 + j]) - 0.5 * (softmax - (j == 5 ? 1 : 0))) <= 1e-7)
        }
    }

    /// The BLAS wrapper honours transposes, leading dimensions and accumulation.
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matrixProductMatchesLoops(transposes: (Bool, Bool)) {
        let (ta, tb) = transposes
        let m = 3, n = 4, k = 5, lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 1, ldc = n + 3
        let a = Self.noise((ta ? k : m) * lda, seed: 7), b = Self.noise((tb ? n : k) * ldb, seed: 8)
        let c0 = Self.noise(m * ldc, seed: 9)
        var c = c0
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
            MatrixProduct.compute(m: m, n: n, k: k, a.baseAddress!, leading: lda, aTransposed: ta,
                                  b.baseAddress!, leading: ldb, bTransposed: tb, into: c.baseAddress!, leading: ldc,
                                  accumulate: true)
        }}}
        for i in 0..<m { for j in 0..<n {
            var s = Double(c0[i * ldc + j])
            for p in 0..<k {
                s += Double(ta ? a[p * lda + i] : a[i * lda + p]) * Double(tb ? b[j * ldb + p] : b[p * ldb + j])
            }
            #expect(abs(Double(c[i * ldc + j]) - s) <= 1e-5)
        }}
    }

    @Test(arguments: VectorKernels.available)
    func denseActivationForwardAndBackward(kernels: VectorKernels) {
        let values: [Float] = [-1, 0.5, 2, -0.25, 3, -3]
        let bias: [Float] = [0.5, -1, 0.25]
        var relu = values, plain = values
        bias.withUnsafeBufferPointer { b in
            relu.withUnsafeMutableBufferPointer { kernels.denseForward(b.baseAddress!, to: $0.baseAddress!, rows: 2, columns: 3, relu: true) }
            plain.withUnsafeMutableBufferPointer { kernels.denseForward(b.baseAddress!, to: $0.baseAddress!, rows: 2, columns: 3, relu: false) }
        }
        #expect(plain == [-0.5, -0.5, 2.25, 0.25, 2, -2.75])
        #expect(relu == [0, 0, 2.25, 0.25, 2, 0])
        var gradient: [Float] = [1, 2, 3, 4, 5, 6]
        var biasGradient: [Float] = [10, 20, 30]
        relu.withUnsafeBufferPointer { a in gradient.withUnsafeMutableBufferPointer { g in
            biasGradient.withUnsafeMutableBufferPointer { b in
                kernels.denseBackward(g.baseAddress!, activations: a.baseAddress!, rows: 2, columns: 3,
                                         relu: true, biasGradient: b.baseAddress!)
            }
        }}
        #expect(gradient == [0, 0, 3, 4, 5, 0])
        #expect(biasGradient == [14, 25, 33])
    }
}
