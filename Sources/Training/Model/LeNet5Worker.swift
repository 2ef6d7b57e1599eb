/// One thread's share of LeNet-5's work: the workspaces for a small group ("chunk") of images, the
/// dense layers' rows for a block of up to 256 examples, and a gradient accumulator of its own.
///
/// Each chunk goes through the whole network, forward and backward, before the next one starts, so
/// its patch matrices are still in cache when the backward pass reads them again and every matrix
/// product works on operands that fit in L2. The convolutions' weight gradients of successive chunks
/// are accumulated by the products themselves (β = 1), in chunk order, which keeps results
/// deterministic. The dense layers' weight gradients are instead formed once per block of rows (the
/// whole share for batches up to 256): per chunk they would be rank-4 updates of a 48,000-entry
/// matrix, which move far more memory than they compute.
final class LeNet5Worker {
    /// Images per chunk.
    let chunk: Int
    /// Dense-layer rows kept before their weight gradients are formed.
    let denseRows: Int
    /// Upper bound on `denseRows`, which bounds memory for huge batches.
    static let maximumDenseRows = 256
    /// Gradient accumulator for workers whose share is reduced into the caller's buffer afterwards.
    let ownGradient: UnsafeMutablePointer<Float>

    // Activations: patches and raw outputs are channel-major over the chunk ([c][i][y][x]),
    // pooled maps and dense activations are image-major ([i][features]).
    // The dense rows (pooled2 onwards) hold `denseRows` examples.
    private let patches1, conv1, pooled1, patches2, conv2, pooled2: UnsafeMutablePointer<Float>
    private let hidden3, hidden4, logits: UnsafeMutablePointer<Float>
    private let winners1, winners2: UnsafeMutablePointer<Int32>
    // Gradients with respect to the activations of the same names.
    private let dLogits, dHidden4, dHidden3, dPooled2, dConv2, dPatches2, dPooled1, dConv1: UnsafeMutablePointer<Float>
    /// conv2's weight gradient transposed ([150 taps][16 channels]): as (patches)·(output gradient)ᵀ
    /// the product has 150 rows and runs faster in OpenBLAS than the 16-row form (measured ~1.3×).
    private let conv2WeightGradientT: UnsafeMutablePointer<Float>
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
            let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: perImage * chunk)
            pointer.initialize(repeating: 0, count: perImage * chunk)
            allocations.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        patches1 = floats(25 * 784)
        conv1 = floats(6 * 784)
        pooled1 = floats(6 * 196)
        winners1 = indices(6 * 196)
        patches2 = floats(150 * 100)
        conv2 = floats(16 * 100)
        pooled2 = floats(400, images: rows)
        winners2 = indices(400)
        hidden3 = floats(120, images: rows)
        hidden4 = floats(84, images: rows)
        logits = floats(10, images: rows)
        dLogits = floats(10, images: rows)
        dHidden4 = floats(84, images: rows)
        dHidden3 = floats(120, images: rows)
        dPooled2 = floats(400)
        dConv2 = floats(16 * 100)
        dPatches2 = floats(150 * 100)
        dPooled1 = floats(6 * 196)
        dConv1 = floats(6 * 784)
        conv2WeightGradientT = floats(150 * 16, images: 1)
        ownGradient = UnsafeMutablePointer<Float>.allocate(capacity: LeNet5.parameterCount)
        ownGradient.initialize(repeating: 0, count: LeNet5.parameterCount)
        allocations.append(UnsafeMutableRawPointer(ownGradient))
        self.allocations = allocations
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }

    /// Runs `count` examples chunk by chunk. With a `gradient` target, also back-propagates and adds
    /// `scale`·d(summed loss)/d(parameters) into it (the caller zeroes it beforehand).
    func run(
        parameters: UnsafePointer<Float>, images: UnsafePointer<Float>, labels: UnsafePointer<Int32>,
        count: Int, gradient: UnsafeMutablePointer<Float>?, scale: Float
    ) -> BatchOutcome {
        var outcome = BatchOutcome(lossSum: 0, correct: 0, count: 0)
        if gradient != nil { conv2WeightGradientT.update(repeating: 0, count: 150 * 16) }
        var blockStart = 0
        while blockStart < count {
            let blockCount = min(denseRows, count - blockStart)
            var row = 0
            while row < blockCount {
                let size = min(chunk, blockCount - row), first = blockStart + row
                let (lossSum, correct) = process(
                    parameters: parameters, images: images + first * 1024, labels: labels + first,
                    count: size, row: gradient == nil ? 0 : row, gradient: gradient, scale: scale)
                outcome.lossSum += lossSum
                outcome.correct += correct
                outcome.count += size
                row += size
            }
            if let g = gradient {
                // Dense weight gradients over the block: (output gradient)ᵀ · input.
                typealias O = LeNet5.Offsets
                MatrixProduct.compute(m: 10, n: 84, k: blockCount, dLogits, leading: 10, aTransposed: true,
                                      hidden4, leading: 84, into: g + O.fc2Weight, leading: 84, accumulate: true)
                MatrixProduct.compute(m: 84, n: 120, k: blockCount, dHidden4, leading: 84, aTransposed: true,
                                      hidden3, leading: 120, into: g + O.fc1Weight, leading: 120, accumulate: true)
                MatrixProduct.compute(m: 120, n: 400, k: blockCount, dHidden3, leading: 120, aTransposed: true,
                                      pooled2, leading: 400, into: g + O.conv3Weight, leading: 400, accumulate: true)
            }
            blockStart += blockCount
        }
        if let g = gradient {
            let weights = g + LeNet5.Offsets.conv2Weight
            for channel in 0..<16 {
                for tap in 0..<150 { weights[channel &* 150 &+ tap] += conv2WeightGradientT[tap &* 16 &+ channel] }
            }
        }
        return outcome
    }

    /// Forward (and, with a `gradient` target, backward) pass of one chunk of `m` ≤ `chunk` images,
    /// whose dense-layer rows start at `row`. The dense weight gradients are left to `run`.
    private func process(
        parameters p: UnsafePointer<Float>, images: UnsafePointer<Float>, labels: UnsafePointer<Int32>,
        count m: Int, row: Int, gradient: UnsafeMutablePointer<Float>?, scale: Float
    ) -> (lossSum: Double, correct: Int) {
        typealias O = LeNet5.Offsets
        let pooled2 = self.pooled2 + row * 400, hidden3 = self.hidden3 + row * 120
        let hidden4 = self.hidden4 + row * 84, logits = self.logits + row * 10
        let dLogits = self.dLogits + row * 10, dHidden4 = self.dHidden4 + row * 84
        let dHidden3 = self.dHidden3 + row * 120
        let pixels1 = m * 784, pixels2 = m * 100

        // conv1 → bias, ReLU, pool: [m,1,32,32] → [m,6,14,14]
        kernels.unfold(images, images: m, channels: 1, side: 32, imageStride: 1024, planeStride: 1024,
                      kernel: 5, into: patches1)
        MatrixProduct.compute(m: 6, n: pixels1, k: 25, p + O.conv1Weight, leading: 25,
                              patches1, leading: pixels1, into: conv1, leading: pixels1)
        kernels.poolForward(conv1, channels: 6, images: m, side: 28, bias: p + O.conv1Bias,
                             into: pooled1, winners: winners1)
        // conv2 → bias, ReLU, pool: → [m,16,5,5] = [m, 400]
        kernels.unfold(pooled1, images: m, channels: 6, side: 14, imageStride: 1176, planeStride: 196,
                      kernel: 5, into: patches2)
        MatrixProduct.compute(m: 16, n: pixels2, k: 150, p + O.conv2Weight, leading: 150,
                              patches2, leading: pixels2, into: conv2, leading: pixels2)
        kernels.poolForward(conv2, channels: 16, images: m, side: 10, bias: p + O.conv2Bias,
                             into: pooled2, winners: winners2)
        // conv3 (a dense 400 → 120 on the flattened maps), fc1, fc2
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

        // fc2, fc1, conv3: input gradient = output gradient · W (weight gradients come in `run`).
        kernels.denseBackward(dLogits, activations: logits, rows: m, columns: 10, relu: false,
                                 biasGradient: g + O.fc2Bias)
        MatrixProduct.compute(m: m, n: 84, k: 10, dLogits, leading: 10,
                              p + O.fc2Weight, leading: 84, into: dHidden4, leading: 84)
        kernels.denseBackward(dHidden4, activations: hidden4, rows: m, columns: 84, relu: true,
                                 biasGradient: g + O.fc1Bias)
        MatrixProduct.compute(m: m, n: 120, k: 84, dHidden4, leading: 84,
                              p + O.fc1Weight, leading: 120, into: dHidden3, leading: 120)
        kernels.denseBackward(dHidden3, activations: hidden3, rows: m, columns: 120, relu: true,
                                 biasGradient: g + O.conv3Bias)
        MatrixProduct.compute(m: m, n: 400, k: 120, dHidden3, leading: 120,
                              p + O.conv3Weight, leading: 400, into: dPooled2, leading: 400)

        // conv2: through pool and ReLU to its raw output, then weights and patches.
        kernels.poolBackward(dPooled2, output: pooled2, winners: winners2, channels: 16, images: m,
                              side: 10, into: dConv2, biasGradient: g + O.conv2Bias)
        MatrixProduct.compute(m: 150, n: 16, k: pixels2, patches2, leading: pixels2,
                              dConv2, leading: pixels2, bTransposed: true,
                              into: conv2WeightGradientT, leading: 16, accumulate: true)
        MatrixProduct.compute(m: 150, n: pixels2, k: 16, p + O.conv2Weight, leading: 150, aTransposed: true,
                              dConv2, leading: pixels2, into: dPatches2, leading: pixels2)
        dPooled1.update(repeating: 0, count: m * 1176)
        kernels.foldAdding(dPatches2, images: m, channels: 6, side: 14, imageStride: 1176, planeStride: 196,
                          kernel: 5, into: dPooled1)

        // conv1: weights only (the input needs no gradient).
        kernels.poolBackward(dPooled1, output: pooled1, winners: winners1, channels: 6, images: m,
                              side: 28, into: dConv1, biasGradient: g + O.conv1Bias)
        MatrixProduct.compute(m: 6, n: 25, k: pixels1, dConv1, leading: pixels1,
                              patches1, leading: pixels1, bTransposed: true,
                              into: g + O.conv1Weight, leading: 25, accumulate: true)
        return result
    }
}
