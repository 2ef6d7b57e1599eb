import GSLRandom

/// LeNet-5 as the study ran it, on 32×32 single-channel images and 10 classes:
/// conv 1→6 5×5, ReLU, max-pool 2; conv 6→16 5×5, ReLU, max-pool 2; conv 16→120 5×5 (a dense
/// 400→120), ReLU; dense 120→84, ReLU; dense 84→10; log-softmax with negative log-likelihood.
///
/// The model holds no parameters: they come in as one flat vector laid out as PyTorch's
/// `state_dict` (see `layout`), so optimizers and delay buffers act on plain vectors and weights
/// can be exchanged with PyTorch. An instance is a preallocated workspace: calls allocate nothing,
/// and the same inputs with the same `threads` give bit-identical results.
///
/// With `threads` > 1 a batch is split into that many contiguous shares computed concurrently,
/// and their gradients are added in share order. The matrix products then run single-threaded
/// inside each share, so every call sets OpenBLAS to one thread (the products are too small for
/// OpenBLAS's own threading to pay off). One instance serves one caller at a time.
public final class LeNet5 {
    /// Number of scalars in the parameter vector.
    public static let parameterCount = 61_706
    /// Height and width of an input image, in pixels.
    public static let inputSide = 32
    /// Number of output classes.
    public static let classCount = 10
    /// Names, shapes and positions of the tensors in the parameter vector (PyTorch `state_dict` order).
    public static let layout = ParameterLayout([
        ("conv1.weight", [6, 1, 5, 5]), ("conv1.bias", [6]),
        ("conv2.weight", [16, 6, 5, 5]), ("conv2.bias", [16]),
        ("conv3.weight", [120, 16, 5, 5]), ("conv3.bias", [120]),
        ("fc1.weight", [84, 120]), ("fc1.bias", [84]),
        ("fc2.weight", [10, 84]), ("fc2.bias", [10]),
    ])

    /// Offsets of the tensors in the parameter vector, as constants for the kernels.
    enum Offsets {
        static let conv1Weight = 0, conv1Bias = 150, conv2Weight = 156, conv2Bias = 2_556
        static let conv3Weight = 2_572, conv3Bias = 50_572, fc1Weight = 50_692, fc1Bias = 60_772
        static let fc2Weight = 60_856, fc2Bias = 61_696
    }

    /// Images a worker pushes through the convolutions at once: small enough that a chunk's conv1
    /// maps and their gradient stay in a core's L1 and L2 caches between the kernels that pass them on
    /// (2 and 8 measured 4% and 8% slower).
    static let chunkSize = 4

    /// Largest batch `gradient` accepts.
    public let maxBatch: Int
    /// Number of concurrent shares a batch is split into.
    public let threads: Int
    /// The build of the non-GEMM kernels in use (bit-identical results whichever it is).
    public let kernels: VectorKernels
    private let workers: [LeNet5Worker]
    private let team: ThreadTeam
    private let outcomes: UnsafeMutablePointer<BatchOutcome>

    /// Workspace for mini-batches of up to `maxBatch` examples; `threads` ≥ 1 for its own parallel
    /// loops; `kernels` picks the build of the non-GEMM kernels (the fastest by default).
    /// - Precondition: `maxBatch >= 1`, `threads >= 1`.
    public init(maxBatch: Int, threads: Int = 1, kernels: VectorKernels = .best) {
        precondition(maxBatch >= 1, "maxBatch must be at least 1")
        precondition(threads >= 1, "threads must be at least 1")
        self.maxBatch = maxBatch
        self.threads = threads
        self.kernels = kernels
        let share = (maxBatch + threads - 1) / threads
        workers = (0..<threads).map { _ in LeNet5Worker(chunk: Self.chunkSize, share: share, kernels: kernels) }
        team = ThreadTeam(size: threads)
        outcomes = .allocate(capacity: threads)
        outcomes.initialize(repeating: BatchOutcome(lossSum: 0, correct: 0, count: 0), count: threads)
    }

    deinit { outcomes.deallocate() }

    /// PyTorch's default initialisation, drawn from `generator` tensor by tensor in `layout` order:
    /// every weight and bias uniform in [−1/√fan_in, 1/√fan_in), fan_in being the inputs of one
    /// output unit (in_channels·5·5 or in_features). For weights this is `kaiming_uniform_` with
    /// a = √5, whose bound √(6/((1 + a²)·fan_in)) is 1/√fan_in.
    public static func initialParameters(generator: RandomGenerator) -> [Float] {
        var parameters = [Float](repeating: 0, count: parameterCount)
        var fanIn = 1
        for slice in layout.slices {
            if slice.shape.count > 1 { fanIn = slice.count / slice.shape[0] }
            let bound = 1 / Double(fanIn).squareRoot()
            for index in slice.range {
                parameters[index] = Float((2 * generator.uniform() - 1) * bound)
            }
        }
        return parameters
    }

    /// Forward + backward: OVERWRITES `gradient` with d(mean NLL over the batch)/d(parameters); returns loss sum and #correct.
    ///
    /// - Parameters:
    ///   - parameters: `parameterCount` scalars in `layout` order.
    ///   - images: `batch` × 32 × 32 preprocessed pixels, image after image, row-major.
    ///   - labels: `batch` class indices in 0..<10.
    ///   - batch: examples in the mini-batch, 1...`maxBatch`.
    ///   - gradient: `parameterCount` scalars to overwrite.
    /// - Precondition: the sizes above hold.
    public func gradient(
        parameters: UnsafeBufferPointer<Float>, images: UnsafeBufferPointer<Float>,
        labels: UnsafeBufferPointer<Int32>, batch: Int, into gradient: UnsafeMutableBufferPointer<Float>
    ) -> BatchOutcome {
        precondition((1...maxBatch).contains(batch), "batch \(batch) outside 1...\(maxBatch)")
        precondition(gradient.count == Self.parameterCount, "gradient must hold \(Self.parameterCount) scalars")
        let target = gradient.baseAddress!
        target.update(repeating: 0, count: Self.parameterCount)
        let outcome = run(parameters: parameters, images: images, labels: labels, count: batch,
                          gradient: target, scale: 1 / Float(batch))
        return outcome
    }

    /// Forward only over `count` examples (any count; internally in chunks of a few images).
    ///
    /// Same buffer conventions as `gradient`, with `count` ≥ 0 examples.
    public func evaluate(
        parameters: UnsafeBufferPointer<Float>, images: UnsafeBufferPointer<Float>,
        labels: UnsafeBufferPointer<Int32>, count: Int
    ) -> BatchOutcome {
        precondition(count >= 0, "count must not be negative")
        guard count > 0 else { return BatchOutcome(lossSum: 0, correct: 0, count: 0) }
        return run(parameters: parameters, images: images, labels: labels, count: count,
                   gradient: nil, scale: 0)
    }

    /// Splits `count` examples into contiguous shares, one per worker, runs them concurrently and
    /// reduces outcomes and gradients in share order.
    private func run(
        parameters: UnsafeBufferPointer<Float>, images: UnsafeBufferPointer<Float>,
        labels: UnsafeBufferPointer<Int32>, count: Int,
        gradient: UnsafeMutablePointer<Float>?, scale: Float
    ) -> BatchOutcome {
        precondition(parameters.count == Self.parameterCount, "parameters must hold \(Self.parameterCount) scalars")
        precondition(images.count >= count * 1024, "images must hold \(count) × 1024 pixels")
        precondition(labels.count >= count, "labels must hold \(count) entries")
        precondition(labels.prefix(count).allSatisfy { (0..<10).contains($0) }, "labels must be in 0..<10")
        if BLASThreads.current != 1 { BLASThreads.set(1) }

        let shares = min(threads, count)
        let job = Job(parameters: parameters.baseAddress!, images: images.baseAddress!,
                      labels: labels.baseAddress!, count: count, shares: shares,
                      gradient: gradient, scale: scale, workers: workers, outcomes: outcomes)
        if shares == 1 {
            job.runShare(0)
        } else {
            team.run { share in if share < shares { job.runShare(share) } }
        }
        var total = outcomes[0]
        for share in 1..<shares {
            total = total + outcomes[share]
            if let gradient {
                let own = workers[share].ownGradient
                for index in 0..<Self.parameterCount { gradient[index] += own[index] }
            }
        }
        return total
    }

    /// Everything one call hands to its concurrent shares. Shares touch disjoint workers, outcome
    /// slots and gradient buffers.
    private struct Job {
        let parameters: UnsafePointer<Float>
        let images: UnsafePointer<Float>
        let labels: UnsafePointer<Int32>
        let count: Int
        let shares: Int
        let gradient: UnsafeMutablePointer<Float>?
        let scale: Float
        let workers: [LeNet5Worker]
        let outcomes: UnsafeMutablePointer<BatchOutcome>

        func runShare(_ share: Int) {
            let start = count * share / shares, end = count * (share + 1) / shares
            let worker = workers[share]
            var target = gradient
            if share > 0, gradient != nil {
                target = worker.ownGradient
                worker.ownGradient.update(repeating: 0, count: LeNet5.parameterCount)
            }
            outcomes[share] = worker.run(
                parameters: parameters, images: images + start * 1024, labels: labels + start,
                count: end - start, gradient: target, scale: scale)
        }
    }
}
