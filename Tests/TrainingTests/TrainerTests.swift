import Testing
@testable import Training

@Suite struct TrainerTests {
    @Test func learnsTheSyntheticProblem() throws {
        let configuration = SyntheticData.configuration(optimizer: .adam, learningRate: 0.002, epochs: 3)
        let (result, _) = try SyntheticData.run(configuration)
        #expect(result.status == .completed)
        #expect(result.epochs.count == 4)
        #expect(result.epochs[0].trainLoss == nil)
        #expect(result.epochs[0].testAccuracy < 0.3)
        #expect(result.finalTestAccuracy >= 0.97)
        #expect(result.epochs.last!.trainLoss! < result.epochs[1].trainLoss!)
    }

    /// Same seed and thread count ⇒ bit-identical metrics and parameters; another seed differs.
    @Test func sameSeedIsBitIdenticalOtherSeedDiffers() throws {
        let configuration = SyntheticData.configuration(epochs: 1)
        let a = try SyntheticData.run(configuration)
        let b = try SyntheticData.run(configuration)
        #expect(a.parameters == b.parameters)
        #expect(a.result.epochs.map(\.testLoss) == b.result.epochs.map(\.testLoss))
        #expect(a.result.epochs.map(\.trainLoss) == b.result.epochs.map(\.trainLoss))
        var other = configuration
        other.seed = 4
        #expect(try SyntheticData.run(other).parameters != a.parameters)
    }

    @Test func partialLastBatchIsUsed() throws {
        // 200 examples in batches of 64: 3 full batches and one of 8.
        var configuration = SyntheticData.configuration(batch: 64, epochs: 1)
        configuration.learningRate = 0.01
        let trainer = try Trainer(configuration: configuration, train: SyntheticData.train, test: SyntheticData.test)
        #expect(trainer.stepsPerEpoch == 4)
        var seen = 0
        _ = try trainer.run(onUpdate: { _ in seen += 1 })
        #expect(seen == 4)
    }

    @Test func divergenceStopsTheRunAndKeepsEarlierEpochs() throws {
        // A huge learning rate blows the loss up within the second epoch.
        let configuration = SyntheticData.configuration(learningRate: 1e8, epochs: 3)
        let (result, _) = try SyntheticData.run(configuration)
        guard case let .diverged(step, epoch) = result.status else {
            Issue.record("expected divergence, got \(result.status)")
            return
        }
        #expect(step >= 0)
        #expect(result.epochs.count == epoch)
        // Exactly the epochs before the diverging one are kept, starting with the pre-training one.
        #expect(result.epochs.map(\.epoch) == Array(0..<epoch))
        #expect(result.epochs[0].testLoss.isFinite)
    }

    @Test(arguments: [0, 201])
    func impossibleBatchSizeIsRejected(batch: Int) {
        let configuration = SyntheticData.configuration(batch: batch)
        #expect(throws: TrainingError.self) {
            _ = try Trainer(configuration: configuration, train: SyntheticData.train, test: SyntheticData.test)
        }
    }

    @Test(arguments: [-0.1, Double.nan, Double.infinity])
    func impossibleLearningRateIsRejected(rate: Double) {
        let configuration = SyntheticData.configuration(learningRate: rate)
        #expect(throws: TrainingError.self) { try configuration.validate() }
    }
}
