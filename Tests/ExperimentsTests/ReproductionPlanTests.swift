import Foundation
import Testing
@testable import Experiments
@testable import Training

@Suite("Reproduction plans")
struct ReproductionPlanTests {
    /// The smoke plan holds one run of every kind the long plans have (the study grid's constant delays,
    /// a warm-up, sampled and emulated delays, a remedy), each at one short epoch on a subset.
    @Test func smokePlanTouchesEveryPartOfThePlanBriefly() throws {
        let plan = try ReproductionPlan(mode: .smoke).configurations()
        #expect(plan.count == 12)
        #expect(Set(plan.map { ConfigurationHash.of($0) }).count == 12)
        #expect(plan.allSatisfy { $0.epochs == 1 && $0.trainSubset == 2000 && $0.testSubset == 1000 })
        #expect(Set(plan.map(\.optimizer.kind)) == [.sgd, .adam])
        let names = plan.map(\.runName)
        #expect(names.contains { $0.contains("gradual") })
        #expect(names.contains { $0.contains("sampled") })
        #expect(names.contains { $0.contains("workers") })
        #expect(names.contains { $0.contains("lr_tau") })
    }

    /// Shards of any plan partition it: every run in exactly one of n shards.
    @Test(arguments: [1, 3, 4, 7])
    func shardsPartitionThePlan(count: Int) throws {
        let plan = try ReproductionPlan(mode: .smoke).configurations()
        let shards = try (1...count).map { try Shard(parsing: "\($0)/\(count)").slice(plan) }
        let hashes = shards.flatMap { $0.map { ConfigurationHash.of($0) } }
        #expect(hashes.count == plan.count)
        #expect(Set(hashes) == Set(plan.map { ConfigurationHash.of($0) }))
    }
}

@Suite("Focused plan")
struct FocusedPlanTests {
    /// The focused plan runs 3 seeds of each cell its claims hinge on: the lr × delay grid of SGD and Adam
    /// at batch 64 (with the warm-up baselines' lr 2^-10 in it), both warm-up variants, and the batch contrast.
    @Test func focusedPlanHoldsTheHingeCellsWithThreeSeeds() throws {
        let plan = try ReproductionPlan(mode: .focused).configurations()
        #expect(plan.count == 3 * (2 * 8 * 4 + 2 * 2 * 2 + 2 * 2))
        #expect(Set(plan.map(\.seed)) == [1, 2, 3])
        #expect(plan.allSatisfy { $0.epochs == 30 && $0.trainSubset == nil })
        let grid = plan.filter { $0.batchSize == 64 && $0.schedule == .constant }
        #expect(Set(grid.map { Int(log2($0.learningRate).rounded()) }).isSuperset(of: -14 ... -7))
        // Every warm-up run has its constant-lr twin in the plan (the pair claim 5 compares).
        let hashes = Set(plan.map { ConfigurationHash.of($0) })
        for run in plan where run.schedule != .constant {
            var twin = run
            twin.schedule = .constant
            #expect(hashes.contains(ConfigurationHash.of(twin)))
        }
        #expect(plan.contains { $0.batchSize == 1024 })
        #expect(try ReproductionPlan(mode: .focused, seeds: 1).configurations().count == plan.count / 3)
    }
}
