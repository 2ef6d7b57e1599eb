import Foundation
import GSLRandom
import StalenessSimulation
import Testing
@testable import Training

/// A plain, independent LeNet-5 in Double, written from the architecture's definition (direct
/// convolutions, explicit pooling windows), used as the ground truth for the fast Float model.
struct ReferenceLeNet5 {
    /// Parameters in PyTorch state_dict order, widened to Double.
    var parameters: [Double]

    /// Activations of one image at every stage, so a perturbed parameter can restart mid-network.
    struct Activations {
        var pooled1 = [Double](repeating: 0, count: 6 * 14 * 14)
        var pooled2 = [Double](repeating: 0, count: 400)
        var hidden3 = [Double](repeating: 0, count: 120)
        var hidden4 = [Double](repeating: 0, count: 84)
        var logits = [Double](repeating: 0, count: 10)
    }

    /// First stage a forward pass recomputes (earlier stages are taken from the cache).
    enum Stage: Int { case conv1, conv2, conv3, fc1, fc2 }

    private func offset(_ name: String) -> Int { LeNet5.layout[name]!.offset }

    /// Valid 5×5 convolution + bias + ReLU + 2×2 max-pool of `channels` planes of `side`².
    private func convPool(_ input: [Double], channels: Int, side: Int, outChannels: Int,
                          weight: Int, bias: Int) -> [Double] {
        let o = side - 4, h = o / 2
        var conv = [Double](repeating: 0, count: outChannels * o * o)
        for co in 0..<outChannels {
            for y in 0..<o {
                for x in 0..<o {
                    var s = parameters[bias + co]
                    for ci in 0..<channels {
                        for ky in 0..<5 {
                            for kx in 0..<5 {
                                s += parameters[weight + ((co * channels + ci) * 5 + ky) * 5 + kx]
                                    * input[(ci * side + y + ky) * side + x + kx]
                            }
                        }
                    }
                    conv[(co * o + y) * o + x] = max(s, 0)
                }
            }
        }
        var pooled = [Double](repeating: 0, count: outChannels * h * h)
        for c in 0..<outChannels {
            for y in 0..<h {
                for x in 0..<h {
                    let a = conv[(c * o + 2 * y) * o + 2 * x], b = conv[(c * o + 2 * y) * o + 2 * x + 1]
                    let d = conv[(c * o + 2 * y + 1) * o + 2 * x], e = conv[(c * o + 2 * y + 1) * o + 2 * x + 1]
                    pooled[(c * h + y) * h + x] = max(max(a, b), max(d, e))
                }
            }
        }
        return pooled
    }

    /// y = W·x + b (W is [outputs × inputs]), optionally followed by ReLU.
    private func dense(_ input: [Double], outputs: Int, weight: Int, bias: Int, relu: Bool) -> [Double] {
        (0..<outputs).map { j in
            var s = parameters[bias + j]
            for i in 0..<input.count { s += parameters[weight + j * input.count + i] * input[i] }
            return relu ? max(s, 0) : s
        }
    }

    /// Runs one image from `stage` on, reusing `cache` for the stages before.
    func forward(_ image: ArraySlice<Double>, from stage: Stage = .conv1, cache: Activations? = nil) -> Activations {
        var a = cache ?? Activations()
        if stage.rawValue <= Stage.conv1.rawValue {
            a.pooled1 = convPool(Array(image), channels: 1, side: 32, outChannels: 6,
                                 weight: offset("conv1.weight"), bias: offset("conv1.bias"))
        }
        if stage.rawValue <= Stage.conv2.rawValue {
            a.pooled2 = convPool(a.pooled1, channels: 6, side: 14, outChannels: 16,
                                 weight: offset("conv2.weight"), bias: offset("conv2.bias"))
        }
        if stage.rawValue <= Stage.conv3.rawValue {
            a.hidden3 = dense(a.pooled2, outputs: 120, weight: offset("conv3.weight"), bias: offset("conv3.bias"), relu: true)
        }
        if stage.rawValue <= Stage.fc1.rawValue {
            a.hidden4 = dense(a.hidden3, outputs: 84, weight: offset("fc1.weight"), bias: offset("fc1.bias"), relu: true)
        }
        a.logits = dense(a.hidden4, outputs: 10, weight: offset("fc2.weight"), bias: offset("fc2.bias"), relu: false)
        return a
    }

    /// −log softmax(logits)[label].
    static func loss(_ logits: [Double], label: Int) -> Double {
        let top = logits.max()!
        return top + log(logits.reduce(0) { $0 + exp($1 - top) }) - logits[label]
    }
}

/// Random problems shared by the model tests.
enum ModelFixture {
    /// `count` images of uniform noise in [−1, 1) and labels from a seeded generator.
    static func batch(count: Int, seed: UInt64) -> (images: [Float], labels: [Int32]) {
        let generator = RandomGenerator(seed: seed)
        let images = (0..<(count * 1024)).map { _ in Float(2 * generator.uniform() - 1) }
        let labels = (0..<count).map { _ in Int32(generator.integer(below: 10)) }
        return (images, labels)
    }

    /// PyTorch-default parameters with biases shifted up a little, so that a good share of ReLUs
    /// are active on noise input and every layer carries gradient.
    static func parameters(seed: UInt64) -> [Float] {
        var parameters = LeNet5.initialParameters(generator: RandomGenerator(seed: seed))
        for name in ["conv1.bias", "conv2.bias", "conv3.bias", "fc1.bias"] {
            for index in LeNet5.layout[name]!.range { parameters[index] += 0.05 }
        }
        return parameters
    }

    /// Runs the fast model's `gradient` once.
    static func gradient(_ model: LeNet5, parameters: [Float], images: [Float], labels: [Int32])
        -> (outcome: BatchOutcome, gradient: [Float]) {
        var gradient = [Float](repeating: .nan, count: LeNet5.parameterCount)
        let outcome = parameters.withUnsafeBufferPointer { p in
            images.withUnsafeBufferPointer { x in
                labels.withUnsafeBufferPointer { l in
                    gradient.withUnsafeMutableBufferPointer { g in
                        model.gradient(parameters: p, images: x, labels: l, batch: labels.count, into: g)
                    }
                }
            }
        }
        return (outcome, gradient)
    }
}

@Suite struct ModelReferenceTests {
    /// The fast model's loss sum and correct count agree with the Double reference, with either
    /// build of the non-GEMM kernels.
    @Test(arguments: VectorKernels.available)
    func forwardMatchesReference(kernels: VectorKernels) {
        let (images, labels) = ModelFixture.batch(count: 6, seed: 11)
        let parameters = ModelFixture.parameters(seed: 12)
        let reference = ReferenceLeNet5(parameters: parameters.map(Double.init))
        var lossSum = 0.0, correct = 0
        for i in 0..<labels.count {
            let logits = reference.forward(images[(i * 1024)..<((i + 1) * 1024)].map(Double.init)[...]).logits
            lossSum += ReferenceLeNet5.loss(logits, label: Int(labels[i]))
            if logits.indices.max(by: { logits[$0] < logits[$1] }) == Int(labels[i]) { correct += 1 }
        }
        let outcome = ModelFixture.gradient(LeNet5(maxBatch: 6, kernels: kernels), parameters: parameters,
                                            images: images, labels: labels).outcome
        #expect(outcome.count == 6)
        #expect(outcome.correct == correct)
        #expect(abs(outcome.lossSum - lossSum) <= 1e-5 * lossSum)
    }
}
