import GSLRandom
import StalenessSimulation
@testable import Training

/// A small, learnable ten-class problem: each class is a fixed random ±1 pattern on a 12×12 patch
/// placed at a class-specific spot, plus Gaussian noise.
enum SyntheticData {
    static func make(count: Int, seed: UInt64, noise: Double = 0.3) -> Dataset {
        let patterns = RandomGenerator(seed: 99)
        let templates: [[Float]] = (0..<10).map { label in
            var image = [Float](repeating: 0, count: 1024)
            let top = 2 + (label / 5) * 14, left = 2 + (label % 5) * 5
            for r in 0..<12 {
                for c in 0..<12 where left + c < 32 {
                    image[(top + r) * 32 + left + c] = patterns.uniform() < 0.5 ? -1 : 1
                }
            }
            return image
        }
        let rng = RandomGenerator(seed: seed)
        var images: [Float] = []
        images.reserveCapacity(count * 1024)
        var labels: [Int32] = []
        for i in 0..<count {
            let label = i % 10
            labels.append(Int32(label))
            for p in 0..<1024 { images.append(templates[label][p] + Float(rng.gaussian(sd: noise))) }
        }
        return Dataset(images: images, labels: labels)
    }

    static let train = make(count: 200, seed: 1)
    static let test = make(count: 100, seed: 2)

    /// A configuration for fast tests on the synthetic problem.
    static func configuration(optimizer: OptimizerKind = .sgd, learningRate: Double = 0.02,
                              batch: Int = 10, epochs: Int = 2, seed: UInt64 = 3) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.optimizer = OptimizerSettings(kind: optimizer)
        configuration.learningRate = learningRate
        configuration.batchSize = batch
        configuration.epochs = epochs
        configuration.seed = seed
        return configuration
    }

    static func run(_ configuration: TrainingConfiguration, updates: ((UpdateRecord) -> Void)? = nil)
        throws -> (result: TrainingResult, parameters: [Float])
    {
        let trainer = try Trainer(configuration: configuration, train: train, test: test)
        let result = try trainer.run(onUpdate: updates ?? { _ in })
        return (result, trainer.parameters)
    }
}
