import StalenessSimulation
import Testing
@testable import Training

@Suite struct ModelBehaviourTests {
    static let images = ModelFixture.batch(count: 11, seed: 31)
    static let parameters = ModelFixture.parameters(seed: 32)

    static func evaluate(_ model: LeNet5, count: Int) -> BatchOutcome {
        parameters.withUnsafeBufferPointer { p in
            images.images.withUnsafeBufferPointer { x in
                images.labels.withUnsafeBufferPointer { l in
                    model.evaluate(parameters: p, images: x, labels: l, count: count)
                }
            }
        }
    }

    @Test func gradientOverwritesTheWholeBuffer() {
        let result = ModelFixture.gradient(LeNet5(maxBatch: 11), parameters: Self.parameters,
                                           images: Self.images.images, labels: Self.images.labels)
        #expect(result.gradient.allSatisfy { $0.isFinite })  // the buffer was filled with NaN beforehand
        #expect(result.outcome.count == 11)
    }

    @Test(arguments: [1, 2, 3])
    func repeatedCallsAreBitIdentical(threads: Int) {
        let model = LeNet5(maxBatch: 11, threads: threads)
        let first = ModelFixture.gradient(model, parameters: Self.parameters, images: Self.images.images, labels: Self.images.labels)
        let second = ModelFixture.gradient(model, parameters: Self.parameters, images: Self.images.images, labels: Self.images.labels)
        let fresh = ModelFixture.gradient(LeNet5(maxBatch: 11, threads: threads), parameters: Self.parameters,
                                          images: Self.images.images, labels: Self.images.labels)
        #expect(first.outcome == second.outcome && first.outcome == fresh.outcome)
        #expect(first.gradient == second.gradient && first.gradient == fresh.gradient)
    }

    /// The AVX2 and portable builds of the non-GEMM kernels give bit-identical gradients and
    /// outcomes, so a run's numbers do not depend on which build the CPU check picked.
    @Test(.enabled(if: VectorKernels.avx2 != nil, "this CPU has no AVX2 and FMA"), arguments: [1, 2])
    func kernelBuildsAreBitIdentical(threads: Int) throws {
        let avx2 = try #require(VectorKernels.avx2)
        let fast = ModelFixture.gradient(LeNet5(maxBatch: 11, threads: threads, kernels: avx2),
                                         parameters: Self.parameters, images: Self.images.images, labels: Self.images.labels)
        let portable = ModelFixture.gradient(LeNet5(maxBatch: 11, threads: threads, kernels: .portable),
                                             parameters: Self.parameters, images: Self.images.images,
                                             labels: Self.images.labels)
        #expect(fast.outcome == portable.outcome)
        #expect(fast.gradient == portable.gradient)
        #expect(Self.evaluate(LeNet5(maxBatch: 11, threads: threads, kernels: avx2), count: 11)
                == Self.evaluate(LeNet5(maxBatch: 11, threads: threads, kernels: .portable), count: 11))
    }

    /// Splitting the batch across threads changes only the order of float additions: the dense
    /// layers' products run over a thread's whole share, and OpenBLAS may round a row differently
    /// for another row count, so the loss sums agree to Float rounding, not bit for bit.
    @Test func threadCountsAgreeWithinRounding() {
        let one = ModelFixture.gradient(LeNet5(maxBatch: 11, threads: 1), parameters: Self.parameters,
                                        images: Self.images.images, labels: Self.images.labels)
        let two = ModelFixture.gradient(LeNet5(maxBatch: 11, threads: 2), parameters: Self.parameters,
                                        images: Self.images.images, labels: Self.images.labels)
        #expect(one.outcome.correct == two.outcome.correct)
        #expect(abs(one.outcome.lossSum - two.outcome.lossSum) <= 1e-6 * one.outcome.lossSum)
        for slice in LeNet5.layout.slices {
            let scale = one.gradient[slice.range].map(abs).max()!
            for index in slice.range {
                #expect(abs(one.gradient[index] - two.gradient[index]) <= 1e-5 * scale, "\(slice.name)[\(index)]")
            }
        }
    }

    /// evaluate's forward pass is gradient's, and it may run more examples than maxBatch.
    @Test(arguments: [1, 2])
    func evaluateAgreesWithGradient(threads: Int) {
        let model = LeNet5(maxBatch: 11, threads: threads)
        let trained = ModelFixture.gradient(model, parameters: Self.parameters,
                                            images: Self.images.images, labels: Self.images.labels).outcome
        let evaluated = Self.evaluate(model, count: 11)
        #expect(evaluated.count == 11 && evaluated.correct == trained.correct)
        #expect(abs(evaluated.lossSum - trained.lossSum) <= 1e-12 * trained.lossSum)
        let small = LeNet5(maxBatch: 2, threads: threads)
        let chunked = Self.evaluate(small, count: 11)
        #expect(chunked.count == 11 && chunked.correct == trained.correct)
        #expect(abs(chunked.lossSum - trained.lossSum) <= 1e-9 * trained.lossSum)
        #expect(Self.evaluate(small, count: 0) == BatchOutcome(lossSum: 0, correct: 0, count: 0))
    }

    /// The gradient is of the MEAN loss: a batch of one image repeated three times has the
    /// gradient of that image alone, and three times its loss (to Float rounding: the dense products
    /// run over 3 rows instead of 1).
    @Test func gradientIsOfTheMeanLoss() {
        let image = Array(Self.images.images[0..<1024]), label = [Self.images.labels[0]]
        let single = ModelFixture.gradient(LeNet5(maxBatch: 1), parameters: Self.parameters, images: image, labels: label)
        let triple = ModelFixture.gradient(LeNet5(maxBatch: 3), parameters: Self.parameters,
                                           images: image + image + image, labels: label + label + label)
        #expect(abs(triple.outcome.lossSum - 3 * single.outcome.lossSum) <= 1e-6 * triple.outcome.lossSum)
        #expect(triple.outcome.correct == 3 * single.outcome.correct)
        let scale = single.gradient.map(abs).max()!
        for (a, b) in zip(single.gradient, triple.gradient) { #expect(abs(a - b) <= 1e-5 * scale) }
    }

    /// A batch larger than one block of dense rows (256) gives the count-weighted mean of the
    /// gradients of its two halves.
    @Test func largeBatchIsTheMeanOfItsHalves() {
        let (images, labels) = ModelFixture.batch(count: 300, seed: 41)
        let parameters = ModelFixture.parameters(seed: 42)
        let whole = ModelFixture.gradient(LeNet5(maxBatch: 300), parameters: parameters, images: images, labels: labels)
        let first = ModelFixture.gradient(LeNet5(maxBatch: 150), parameters: parameters,
                                          images: Array(images[..<(150 * 1024)]), labels: Array(labels[..<150]))
        let second = ModelFixture.gradient(LeNet5(maxBatch: 150), parameters: parameters,
                                           images: Array(images[(150 * 1024)...]), labels: Array(labels[150...]))
        #expect(whole.outcome == BatchOutcome(lossSum: whole.outcome.lossSum,
                                              correct: first.outcome.correct + second.outcome.correct, count: 300))
        #expect(abs(whole.outcome.lossSum - first.outcome.lossSum - second.outcome.lossSum) <= 1e-9 * whole.outcome.lossSum)
        for slice in LeNet5.layout.slices {
            let scale = whole.gradient[slice.range].map(abs).max()!
            for index in slice.range {
                let mean = (first.gradient[index] + second.gradient[index]) / 2
                #expect(abs(whole.gradient[index] - mean) <= 1e-5 * scale, "\(slice.name)[\(index)]")
            }
        }
    }
}
