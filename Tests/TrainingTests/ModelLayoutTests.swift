import GSLRandom
import StalenessSimulation
import Testing
@testable import Training

@Suite struct ModelLayoutTests {
    /// The PyTorch state_dict of LeNet-5, written out by hand: name, shape, offset.
    static let expected: [(String, [Int], Int)] = [
        ("conv1.weight", [6, 1, 5, 5], 0), ("conv1.bias", [6], 150),
        ("conv2.weight", [16, 6, 5, 5], 156), ("conv2.bias", [16], 2_556),
        ("conv3.weight", [120, 16, 5, 5], 2_572), ("conv3.bias", [120], 50_572),
        ("fc1.weight", [84, 120], 50_692), ("fc1.bias", [84], 60_772),
        ("fc2.weight", [10, 84], 60_856), ("fc2.bias", [10], 61_696),
    ]

    @Test func parameterCountIs61706() {
        #expect(LeNet5.parameterCount == 61_706)
        #expect(LeNet5.layout.count == 61_706)
        #expect(LeNet5.inputSide == 32)
        #expect(LeNet5.classCount == 10)
    }

    @Test func layoutFollowsStateDictOrder() {
        let slices = LeNet5.layout.slices
        #expect(slices.map(\.name) == Self.expected.map(\.0))
        for (slice, (name, shape, offset)) in zip(slices, Self.expected) {
            #expect(slice.shape == shape, "\(name)")
            #expect(slice.offset == offset, "\(name)")
            #expect(LeNet5.layout[name] == slice)
        }
        #expect(LeNet5.layout["conv4.weight"] == nil)
    }

    /// The kernels' offset constants agree with the layout.
    @Test func kernelOffsetsMatchLayout() {
        typealias O = LeNet5.Offsets
        let constants = [O.conv1Weight, O.conv1Bias, O.conv2Weight, O.conv2Bias, O.conv3Weight,
                         O.conv3Bias, O.fc1Weight, O.fc1Bias, O.fc2Weight, O.fc2Bias]
        #expect(constants == LeNet5.layout.slices.map(\.offset))
    }

    /// Fan-in of each tensor's output unit: in_channels·5·5 or in_features.
    static let fanIn = ["conv1": 25, "conv2": 150, "conv3": 400, "fc1": 120, "fc2": 84]

    /// Every value lies within PyTorch's bound 1/√fan_in (kaiming_uniform with a = √5 for weights,
    /// uniform(±1/√fan_in) for biases), and large tensors have mean ≈ 0 and variance ≈ bound²/3.
    @Test func initialisationMatchesPyTorchBounds() {
        let parameters = LeNet5.initialParameters(generator: RandomGenerator(seed: 7))
        #expect(parameters.count == LeNet5.parameterCount)
        for slice in LeNet5.layout.slices {
            let layer = String(slice.name.split(separator: ".")[0])
            let bound = 1 / Double(Self.fanIn[layer]!).squareRoot()
            let values = parameters[slice.range].map(Double.init)
            #expect(values.allSatisfy { abs($0) <= bound }, "\(slice.name) exceeds ±\(bound)")
            #expect(values.contains { $0 != 0 }, "\(slice.name) left at zero")
            if values.count >= 1_000 {
                let mean = values.reduce(0, +) / Double(values.count)
                let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
                let expectedVariance = bound * bound / 3
                // Sampling sd of a uniform's variance estimate is ≈ 0.89·σ²/√n: allow 5 of them.
                let slack = 5 * 0.9 * expectedVariance / Double(values.count).squareRoot()
                #expect(abs(variance - expectedVariance) <= slack, "\(slice.name) variance \(variance)")
                #expect(abs(mean) <= 5 * (expectedVariance / Double(values.count)).squareRoot(), "\(slice.name) mean")
            }
        }
    }

    @Test func initialisationIsReproducible() {
        let a = LeNet5.initialParameters(generator: RandomGenerator(seed: 99))
        let b = LeNet5.initialParameters(generator: RandomGenerator(seed: 99))
        let c = LeNet5.initialParameters(generator: RandomGenerator(seed: 100))
        #expect(a == b)
        #expect(a != c)
    }
}
