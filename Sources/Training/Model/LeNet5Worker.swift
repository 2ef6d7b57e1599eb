/// One thread's share of LeNet-5's work: workspaces for a small group ("chunk") of images, the
/// activations of a block of up to 256 examples, and a gradient accumulator of its own.
///
/// A block runs in three passes. The convolutions' forward pass goes chunk by chunk, so conv1's
/// pooled maps are still in cache when conv2 reads them; each convolution is fused with its pooling,
/// and per example only what the backward pass reads is kept (the pooled maps and their winners). The dense layers then run
/// forward and backward over the whole block at once, as products with one row per example, which
/// OpenBLAS runs far faster than the same products a chunk at a time. Last, the convolutions'
/// backward passes run chunk by chunk over the entries of their output gradient that pooling and
/// ReLU let through (`PooledRoutes`), a quarter or less of it, adding into the gradient in chunk
/// order, which keeps results deterministic; conv2's runs on its input transposed channels-last.
final class LeNet5Worker {
    /// Images per chunk.
    let chunk: Int
    /// Examples a block holds.
    let denseRows: Int
    /// Upper bound on `denseRows`, which bounds memory for huge batches.
    static let maximumDenseRows = 256
    /// Gradient accumulator for workers whose share is reduced into the caller's buffer afterwards.
    let ownGradient: UnsafeMutablePointer<Float>

    // Activations, image-major ([i][features]), for `denseRows` examples. Winners index the raw
    // convolution outputs of a chunk as if laid out channel-major ([c][i][y][x]).
    private let pooled1, pooled2: UnsafeMutablePointer<Float>
    private let hidden3, hidden4, logits: UnsafeMutablePointer<Float>
    private let winners1, winners2: UnsafeMutablePointer<Int32>
    // Gradients with respect to the activations of the same names.
    private let dLogits, dHidden4, dHidden3, dPooled2, dPooled1: UnsafeMutablePointer<Float>
    // A chunk's pooled conv1 maps channels-last ([i][y][x][c]), and their gradient: conv2's backward
    // pass runs on that layout, where a receptive-field row (5 pixels × 6 channels) is 30 contiguous
    // floats, 4 vectors, against 6 rows of 5 floats in 6 vectors planar.
    private let channelsLast1, dChannelsLast1: UnsafeMutablePointer<Float>
    /// The convolutions' output-gradient entries that pooling and ReLU let through.
    private let routes1, routes2: PooledRoutes
    private let allocations: [UnsafeMutableRawPointer]
    /// The build of the non-GEMM kernels this worker calls.
    private let kernels: VectorKernels

    /// A worker whose chunks hold up to `chunk` images and whose gradient runs usually take up to
    /// `share` examples (more work too, in blocks), calling `kernels`.
    /// - Precondition: `chunk >= 1`, `share >= 1`.
    init(chunk: Int, share: Int, kernels: VectorKernels) {
        precondition(chunk >= 1 && share >= 1)
        self.chunk = chunk
        self.kernels = kernels
        let rows = max(chunk, min(share, Self.maximumDenseRows))
        denseRows = rows
        var allocations: [UnsafeMutableRawPointer] = []
        func floats(_ perImage: Int, images: Int = chunk) -> UnsafeMutablePointer<Float> {
            let pointer = UnsafeMutablePointer<Float>.allocate(capacity: perImage * images)
            pointer.initialize(repeating: 0, count: perImage * images)
            allocations.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        func indices(_ perImage: Int) -> UnsafeMutablePointer<Int32> {
            let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: perImage * rows)
            pointer.initialize(repeating: 0, count: perImage * rows)
            allocations.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        pooled1 = floats(6 * 196, images: rows)
        winners1 = indices(6 * 196)
        pooled2 = floats(400, images: rows)
        winners2 = indices(400)
        hidden3 = floats(120, images: rows)
        hidden4 = floats(84, images: rows)
        logits = floats(10, images: rows)
        dLogits = floats(10, images: rows)
        dHidden4 = floats(84, images: rows)
        dHidden3 = floats(120, images: rows)
        dPooled2 = floats(400, images: rows)
        dPooled1 = floats(6 * 196)
        channelsLast1 = floats(6 * 196)
        dChannelsLast1 = floats(6 * 196 * chunk + VectorKernels.kernelSlack, images: 1)
        routes1 = PooledRoutes(channels: 6, maximumImages: chunk, perImage: 196)
        routes2 = PooledRoutes(channels: 16, maximumImages: chunk, perImage: 25)
        ownGradient = UnsafeMutablePointer<Float>.allocate(capacity: LeNet5.parameterCount)
        ownGradient.initialize(repeating: 0, count: LeNet5.parameterCount)
        allocations.append(UnsafeMutableRawPointer(ownGradient))
        self.allocations = allocations
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }

    /// Runs `count` examples block by block. With a `gradient` target, also back-propagates and adds
    /// `scale`·d(summed loss)/d(parameters) into it (the caller zeroes it beforehand).
    func run(
        parameters: UnsafePointer<Float>, images: UnsafePointer<Float>, labels: UnsafePointer<Int32>,
        count: Int, gradient: UnsafeMutablePointer<Float>?, scale: Float
    ) -> BatchOutcome {
        var outcome = BatchOutcome(lossSum: 0, correct: 0, count: 0)
        var blockStart = 0
        while blockStart < count {
            let rows = min(denseRows, count - blockStart)
            let blockImages = images + blockStart * 1024
            forEachChunk(rows) { row, size in
                convolutionsForward(parameters, images: blockImages + row * 1024, count: size, row: row)
            }
            let (lossSum, correct) = denseLayers(parameters, labels: labels + blockStart, rows: rows,
                                                 gradient: gradient, scale: scale)
            if let g = gradient {
                forEachChunk(rows) { row, size in
                    convolutionsBackward(parameters, images: blockImages + row * 1024, count: size, row: row, gradient: g)
                }
            }
            outcome.lossSum += lossSum
            outcome.correct += correct
            outcome.count += rows
            blockStart += rows
        }
        return outcome
    }

    /// Calls `body(row, size)` for the chunks of a block of `rows` examples, in order.
    private func forEachChunk(_ rows: Int, _ body: (_ row: Int, _ size: Int) -> Void) {
        var row = 0
        while row < rows {
            let size = min(chunk, rows - row)
            body(row, size)
            row += size
        }
    }

    /// conv1 and conv2 (each with bias, ReLU and pooling, fused) of one chunk of `m` ≤ `chunk` images,
    /// whose rows in the block start at `row`: fills their pooled maps and winners.
    private func convolutionsForward(_ p: UnsafePointer<Float>, images: UnsafePointer<Float>, count m: Int, row: Int) {
        typealias O = LeNet5.Offsets
        let pooled1 = self.pooled1 + row * 1176, winners1 = self.winners1 + row * 1176
        let pooled2 = self.pooled2 + row * 400, winners2 = self.winners2 + row * 400
        // conv1 → bias, ReLU, pool: [m,1,32,32] → [m,6,14,14], directly: as products, conv1's and
        // conv2's shapes run far below OpenBLAS's peak, and their patch matrices cost passes over memory
        kernels.convolutionPoolForward(images, images: m, inputChannels: 1, inputSide: 32, imageStride: 1024,
                                       planeStride: 1024, weights: p + O.conv1Weight, bias: p + O.conv1Bias,
                                       channels: 6, into: pooled1, winners: winners1)
        // conv2 → bias, ReLU, pool: → [m,16,5,5] = [m, 400]
        kernels.convolutionPoolForward(pooled1, images: m, inputChannels: 6, inputSide: 14, imageStride: 1176,
                                       planeStride: 196, weights: p + O.conv2Weight, bias: p + O.conv2Bias,
                                       channels: 16, into: pooled2, winners: winners2)
    }

    /// conv3 (a dense 400 → 120 on the flattened maps), fc1 and fc2 over a block of `rows` examples,
    /// the loss, and with a `gradient` target their backward pass: weight and bias gradients, and
    /// the gradient with respect to the pooled conv2 maps.
    private func denseLayers(
        _ p: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows m: Int,
        gradient: UnsafeMutablePointer<Float>?, scale: Float
    ) -> (lossSum: Double, correct: Int) {
        typealias O = LeNet5.Offsets
        MatrixProduct.compute(m: m, n: 120, k: 400, pooled2, leading: 400,
                              p + O.conv3Weight, leading: 400, bTransposed: true, into: hidden3, leading: 120)
        kernels.denseForward(p + O.conv3Bias, to: hidden3, rows: m, columns: 120, relu: true)
        MatrixProduct.compute(m: m, n: 84, k: 120, hidden3, leading: 120,
                              p + O.fc1Weight, leading: 120, bTransposed: true, into: hidden4, leading: 84)
        kernels.denseForward(p + O.fc1Bias, to: hidden4, rows: m, columns: 84, relu: true)
        MatrixProduct.compute(m: m, n: 10, k: 84, hidden4, leading: 84,
                              p + O.fc2Weight, leading: 84, bTransposed: true, into: logits, leading: 10)
        kernels.denseForward(p + O.fc2Bias, to: logits, rows: m, columns: 10, relu: false)

        let result = LogSoftmaxLoss.evaluate(logits, labels: labels, rows: m, classes: 10,
                                             gradient: gradient == nil ? nil : dLogits, scale: scale)
        guard let g = gradient else { return result }

        // Each layer: bias gradient, input gradient = output gradient · W, weight gradient = (output gradient)ᵀ · input.
        kernels.denseBackward(dLogits, activations: logits, rows: m, columns: 10, relu: false,
                                 biasGradient: g + O.fc2Bias)
        MatrixProduct.compute(m: m, n: 84, k: 10, dLogits, leading: 10,
                              p + O.fc2Weight, leading: 84, into: dHidden4, leading: 84)
        MatrixProduct.compute(m: 10, n: 84, k: m, dLogits, leading: 10, aTransposed: true,
                              hidden4, leading: 84, into: g + O.fc2Weight, leading: 84, accumulate: true)
        kernels.denseBackward(dHidden4, activations: hidden4, rows: m, columns: 84, relu: true,
                                 biasGradient: g + O.fc1Bias)
        MatrixProduct.compute(m: m, n: 120, k: 84, dHidden4, leading: 84,
                              p + O.fc1Weight, leading: 120, into: dHidden3, leading: 120)
        MatrixProduct.compute(m: 84, n: 120, k: m, dHidden4, leading: 84, aTransposed: true,
                              hidden3, leading: 120, into: g + O.fc1Weight, leading: 120, accumulate: true)
        kernels.denseBackward(dHidden3, activations: hidden3, rows: m, columns: 120, relu: true,
                                 biasGradient: g + O.conv3Bias)
        MatrixProduct.compute(m: m, n: 400, k: 120, dHidden3, leading: 120,
                              p + O.conv3Weight, leading: 400, into: dPooled2, leading: 400)
        MatrixProduct.compute(m: 120, n: 400, k: m, dHidden3, leading: 120, aTransposed: true,
                              pooled2, leading: 400, into: g + O.conv3Weight, leading: 400, accumulate: true)
        return result
    }

    /// The backward passes of conv2 and conv1 for one chunk of `m` images whose rows in the block
    /// start at `row`, over the entries pooling and ReLU let through.
    private func convolutionsBackward(
        _ p: UnsafePointer<Float>, images: UnsafePointer<Float>, count m: Int, row: Int,
        gradient g: UnsafeMutablePointer<Float>
    ) {
        typealias O = LeNet5.Offsets
        let pooled1 = self.pooled1 + row * 1176, winners1 = self.winners1 + row * 1176
        let pooled2 = self.pooled2 + row * 400, winners2 = self.winners2 + row * 400
        let dPooled2 = self.dPooled2 + row * 400
        // conv2, on its input channels-last: bias, weights, and the gradient of the pooled conv1 maps.
        kernels.transpose(pooled1, images: m, rows: 6, columns: 196, into: channelsLast1)
        kernels.routePooled(dPooled2, output: pooled2, winners: winners2, channels: 16, images: m, side: 10,
                            inputImageStride: 1176, inputSide: 14, inputChannels: 6, inputLayout: .channelsLast,
                            into: routes2, biasGradient: g + O.conv2Bias)
        kernels.convolutionWeightGradient(input: channelsLast1, inputChannels: 6, layout: .channelsLast, inputSide: 14,
                                          kernel: 5, routes: routes2, channels: 16, into: g + O.conv2Weight)
        dChannelsLast1.update(repeating: 0, count: m * 1176)
        kernels.convolutionInputGradient(weights: p + O.conv2Weight, inputChannels: 6, layout: .channelsLast,
                                         inputSide: 14, kernel: 5, routes: routes2, channels: 16, into: dChannelsLast1)
        kernels.transpose(dChannelsLast1, images: m, rows: 196, columns: 6, into: dPooled1)
        // conv1: bias and weights only (the input needs no gradient).
        let conv1Input = ConvolutionInputLayout.planar(planeStride: 1024)
        kernels.routePooled(dPooled1, output: pooled1, winners: winners1, channels: 6, images: m, side: 28,
                            inputImageStride: 1024, inputSide: 32, inputChannels: 1, inputLayout: conv1Input,
                            into: routes1, biasGradient: g + O.conv1Bias)
        kernels.convolutionWeightGradient(input: images, inputChannels: 1, layout: conv1Input, inputSide: 32, kernel: 5,
                                          routes: routes1, channels: 6, into: g + O.conv1Weight)
    }
}
