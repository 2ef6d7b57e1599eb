import GSLRandom
import StalenessSimulation
import Testing
@testable import Training

@Suite struct ModelGradientTests {
    /// Where a perturbation of each tensor first changes the network.
    static let stages: [String: ReferenceLeNet5.Stage] = [
        "conv1.weight": .conv1, "conv1.bias": .conv1, "conv2.weight": .conv2, "conv2.bias": .conv2,
        "conv3.weight": .conv3, "conv3.bias": .conv3, "fc1.weight": .fc1, "fc1.bias": .fc1,
        "fc2.weight": .fc2, "fc2.bias": .fc2,
    ]

    /// Every tensor's gradient (so every layer's backward pass) matches central finite differences
    /// of the mean loss computed in Double by the independent reference. The batch of 5 spans a full
    /// and a partial chunk. Run with each build of the non-GEMM kernels.
    @Test(arguments: LeNet5.layout.slices.map(\.name), VectorKernels.available)
    func gradientMatchesFiniteDifferences(tensor: String, kernels: VectorKernels) {
        let (images, labels) = ModelFixture.batch(count: 5, seed: 21)
        let parameters = ModelFixture.parameters(seed: 22)
        let analytic = ModelFixture.gradient(LeNet5(maxBatch: 8, kernels: kernels), parameters: parameters,
                                             images: images, labels: labels).gradient
        let slice = LeNet5.layout[tensor]!
        let stage = Self.stages[tensor]!
        var reference = ReferenceLeNet5(parameters: parameters.map(Double.init))
        let inputs = (0..<labels.count).map { i in images[(i * 1024)..<((i + 1) * 1024)].map(Double.init)[...] }
        let cache = inputs.map { reference.forward($0) }
        func meanLoss() -> Double {
            var total = 0.0
            for i in 0..<labels.count {
                let logits = reference.forward(inputs[i], from: stage, cache: cache[i]).logits
                total += ReferenceLeNet5.loss(logits, label: Int(labels[i]))
            }
            return total / Double(labels.count)
        }
        let generator = RandomGenerator(seed: 23)
        let picks = slice.count <= 16 ? Array(slice.range)
            : (0..<16).map { _ in slice.offset + generator.integer(below: slice.count) }
        let h = 1e-6  // small enough that no ReLU or pooling kink is crossed, large enough for Double
        var numeric: [Double] = [], computed: [Double] = []
        for index in picks {
            let base = reference.parameters[index]
            reference.parameters[index] = base + h
            let up = meanLoss()
            reference.parameters[index] = base - h
            let down = meanLoss()
            reference.parameters[index] = base
            numeric.append((up - down) / (2 * h))
            computed.append(Double(analytic[index]))
        }
        let scale = numeric.map(abs).max()!
        #expect(scale > 1e-4, "the sampled entries of \(tensor) should carry gradient")
        for (n, c) in zip(numeric, computed) {
            #expect(abs(n - c) <= 1e-4 * scale + 1e-4 * abs(n), "\(tensor): numeric \(n) vs analytic \(c)")
        }
    }
}
