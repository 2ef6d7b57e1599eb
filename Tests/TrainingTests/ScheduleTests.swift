import Foundation
import Testing
@testable import Training

@Suite struct ScheduleTests {
    func rate(_ schedule: LearningRateSchedule, _ target: Double, _ epoch: Int, total: Int = 20) -> Double {
        schedule.rate(target: target, epoch: epoch, totalEpochs: total)
    }

    @Test func constant() {
        #expect(rate(.constant, 0.01, 0) == 0.01)
        #expect(rate(.constant, 0.01, 19) == 0.01)
    }

    @Test func stepDecaysEveryPeriod() {
        let schedule = LearningRateSchedule.step(everyEpochs: 10, factor: 0.1)
        #expect(rate(schedule, 0.1, 0) == 0.1)
        #expect(rate(schedule, 0.1, 9) == 0.1)
        #expect(abs(rate(schedule, 0.1, 10) - 0.01) < 1e-15)
        #expect(abs(rate(schedule, 0.1, 25) - 0.001) < 1e-15)
    }

    @Test func gradualWarmUpIsClampedAtTheTarget() {
        let schedule = LearningRateSchedule.gradual(warmupEpochs: 5)
        #expect(abs(rate(schedule, 0.1, 0) - 0.02) < 1e-15)
        #expect(abs(rate(schedule, 0.1, 1) - 0.04) < 1e-15)
        #expect(rate(schedule, 0.1, 4) == 0.1)
        #expect(rate(schedule, 0.1, 12) == 0.1)
    }

    @Test func paperWarmUpKeepsGrowing() {
        let schedule = LearningRateSchedule.paper(warmupEpochs: 5)
        #expect(abs(rate(schedule, 0.1, 0) - 0.001) < 1e-15)
        #expect(abs(rate(schedule, 0.1, 1) - 0.0208) < 1e-15)   // 0.099/5 + 0.001
        #expect(abs(rate(schedule, 0.1, 5) - 0.1) < 1e-15)
        #expect(abs(rate(schedule, 0.1, 10) - 0.199) < 1e-15)   // no clamp after the warm-up
        #expect(rate(schedule, 0.0005, 7) == 0.001)             // a target below 0.001 stays at 0.001
    }

    @Test func cosineAnnealsToZeroOverTheRun() {
        #expect(rate(.cosine, 0.1, 0, total: 10) == 0.1)
        #expect(abs(rate(.cosine, 0.1, 5, total: 10) - 0.05) < 1e-15)
        #expect(abs(rate(.cosine, 0.1, 2, total: 10) - 0.1 * (1 + 0.8090169943749474) / 2) < 1e-15)
        #expect(abs(rate(.cosine, 0.1, 10, total: 10)) < 1e-15)
    }

    @Test(arguments: [
        ("constant", LearningRateSchedule.constant),
        ("cosine", .cosine),
        ("step:10:0.1", .step(everyEpochs: 10, factor: 0.1)),
        ("gradual:5", .gradual(warmupEpochs: 5)),
        ("paper:5", .paper(warmupEpochs: 5)),
    ])
    func parsesAndPrintsBack(text: String, schedule: LearningRateSchedule) throws {
        #expect(try LearningRateSchedule(parsing: text) == schedule)
        #expect(schedule.description == text)
    }

    @Test(arguments: [
        ("linear", "unknown schedule 'linear' (expected constant, step:EVERY:FACTOR, gradual:EPOCHS, paper:EPOCHS or cosine)"),
        ("step:10", "schedule 'step:10' should be written step:EVERY:FACTOR, e.g. step:10:0.1"),
        ("step:0:0.1", "schedule 'step:0:0.1': '0' is not a whole number of epochs ≥ 1"),
        ("step:10:-1", "schedule 'step:10:-1': the factor '-1' is not a finite number > 0"),
        ("step:10:nan", "schedule 'step:10:nan': the factor 'nan' is not a finite number > 0"),
        ("gradual:x", "schedule 'gradual:x': 'x' is not a whole number of epochs ≥ 1"),
        ("paper:", "schedule 'paper:': '' is not a whole number of epochs ≥ 1"),
        ("constant:3", "schedule 'constant:3' should be written constant"),
    ])
    func rejectsMalformedSchedules(text: String, message: String) {
        #expect(throws: OptimizerSettingsError(message)) { try LearningRateSchedule(parsing: text) }
    }

    @Test func settingsApplyTheirSchedule() {
        let settings = OptimizerSettings(learningRate: 0.1, schedule: .gradual(warmupEpochs: 4))
        #expect(abs(settings.learningRate(epoch: 0, totalEpochs: 10) - 0.025) < 1e-15)
    }
}
