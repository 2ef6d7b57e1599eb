import Testing
@testable import Experiments
@testable import Training

@Suite("Plan estimate")
struct PlanEstimateTests {
    static func configuration(_ optimizer: OptimizerKind, batch: Int, epochs: Int, lr: Double = 0.01) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.optimizer = OptimizerSettings(kind: optimizer)
        c.batchSize = batch
        c.epochs = epochs
        c.learningRate = lr
        return c
    }

    @Test func oneOneEpochSamplePerOptimizerAndBatch() {
        let plan = [Self.configuration(.sgd, batch: 64, epochs: 30, lr: 0.1), Self.configuration(.sgd, batch: 64, epochs: 30),
                    Self.configuration(.adam, batch: 64, epochs: 30), Self.configuration(.sgd, batch: 1024, epochs: 30)]
        let samples = PlanEstimate.sampleConfigurations(for: plan)
        #expect(samples.map(\.batchSize) == [64, 64, 1024])
        #expect(samples.map(\.optimizer.kind) == [.sgd, .adam, .sgd])
        #expect(samples.allSatisfy { $0.epochs == 1 })
        #expect(samples[0].learningRate == 0.1)
    }

    @Test func samplesSplitARunIntoTrainingAndEvaluation() {
        // A one-epoch run of 5 s whose epoch trained for 4.2 s: two evaluations of 0.4 s. A 3-epoch run is no sample.
        var one = ResultsStoreTests.stored(Self.configuration(.adam, batch: 128, epochs: 1), accuracies: [0.1, 0.9], seconds: 5)
        one.1[1].seconds = 4.2
        let three = ResultsStoreTests.stored(Self.configuration(.sgd, batch: 128, epochs: 3), accuracies: [0.1, 0.5, 0.6, 0.7])
        let samples = PlanEstimate.samples(from: StoreSnapshot(runs: [one.0, three.0], epochs: one.1 + three.1))
        #expect(samples.count == 1)
        #expect(samples.first?.optimizer == .adam)
        #expect(samples.first?.batchSize == 128)
        #expect(samples.first?.trainSeconds == 4.2)
        #expect(abs((samples.first?.evaluationSeconds ?? 0) - 0.4) < 1e-12)
    }

    @Test func projectionAddsEpochsAndEvaluationsAndDividesByJobs() throws {
        let estimate = PlanEstimate(samples: [
            .init(optimizer: .sgd, batchSize: 64, trainSeconds: 2, evaluationSeconds: 0.1),
            .init(optimizer: .adam, batchSize: 64, trainSeconds: 2.5, evaluationSeconds: 0.1),
            .init(optimizer: .sgd, batchSize: 1024, trainSeconds: 1.5, evaluationSeconds: 0.2),
        ], jobs: 2)
        let plan = [Self.configuration(.sgd, batch: 64, epochs: 30), Self.configuration(.adam, batch: 64, epochs: 30),
                    Self.configuration(.adam, batch: 1024, epochs: 3)]
        // sgd 64: 30·2 + 31·0.1 = 63.1; adam 64: 30·2.5 + 31·0.1 = 78.1; adam 1024 goes by sgd 1024: 3·1.5 + 4·0.2 = 5.3.
        let wall = try #require(estimate.wallSeconds(for: plan))
        #expect(abs(wall - (63.1 + 78.1 + 5.3) / 2) < 1e-9)
        #expect(estimate.wallSeconds(for: [Self.configuration(.sgd, batch: 32, epochs: 1)]) == nil)
    }
}
