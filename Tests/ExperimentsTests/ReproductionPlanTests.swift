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
        #expect(plan.count == 14)
        #expect(Set(plan.map { ConfigurationHash.of($0) }).count == 14)
        #expect(plan.allSatisfy { $0.epochs == 1 && $0.trainSubset == 2000 && $0.testSubset == 1000 })
        #expect(Set(plan.map(\.optimizer.kind)) == [.sgd, .adam])
        let names = plan.map(\.runName)
        #expect(names.contains { $0.contains("gradual") })
        #expect(names.contains { $0.contains("sampled") })
        #expect(names.contains { $0.contains("workers") })
        #expect(names.contains { $0.contains("lr_tau") })
        #expect(names.contains { $0.contains("workers4-sync") })
    }

    /// "Does asynchrony pay?": per N ∈ {8, 32, 128} and σ ∈ {0.2, 0.5}, the five algorithms (their
    /// parameters scaled with N) × 3 learning rates on sqrt times with stragglers, 3 epochs of SGD.
    @Test func fullPlanRacesTheFiveAlgorithmsOnSixClusters() throws {
        let plan = try ReproductionPlan(mode: .full, selection: [.asynchrony]).configurations()
        #expect(plan.count == 3 * 2 * 5 * 3)
        #expect(plan.allSatisfy { $0.epochs == 3 && $0.optimizer.kind == .sgd && $0.trainSubset == nil })
        #expect(Set(plan.map(\.learningRate)) == [1e-3, 1e-2, 1e-1])
        var algorithms: [Int: Set<String>] = [:]
        for c in plan {
            guard case let .emulated(e) = c.delay, case let .simulated(model, heterogeneity, _) = e.order else {
                Issue.record("not an emulated cluster: \(c.runName)")
                continue
            }
            #expect(model == .normal(sigma: 0.2) || model == .normal(sigma: 0.5))
            #expect(heterogeneity.baseTimes == .sqrt && heterogeneity.stragglerProbability == 0.05)
            #expect(AsynchronySection.isRaced(c))
            algorithms[e.workers, default: []].insert(e.resolvedAlgorithm.description)
        }
        #expect(algorithms == [
            8: ["sync", "sync-backup:1", "async", "rennala:2", "ringmaster:4"],
            32: ["sync", "sync-backup:4", "async", "rennala:8", "ringmaster:16"],
            128: ["sync", "sync-backup:16", "async", "rennala:32", "ringmaster:64"],
        ])
        // The rest of the full plan is unchanged by the part, and no other run is a race.
        let all = try ReproductionPlan(mode: .full).configurations()
        #expect(all.count == 1450 + plan.count)
        #expect(all.count { AsynchronySection.isRaced($0) } == plan.count)
        // Run names tell every run apart: the clusters' σ, base times and stragglers are in them.
        #expect(Set(all.map(\.runName)).count == all.count)
        #expect(plan.contains { $0.runName == "sgd-lr0.1-b64-workers128-rennala:32-sigma0.5-sqrt-strag0.05x5.0-s1" })
    }

    @Test func partNamesSelectPartsAndUnknownNamesAreRefused() throws {
        #expect(try ReproductionPlan.PartName.parseList("asynchrony,remedies") == [.asynchrony, .remedies])
        #expect(throws: SweepError.self) { try ReproductionPlan.PartName.parseList("asynchrony,speed") }
        let smoke = ReproductionPlan(mode: .smoke, selection: [.remedies, .asynchrony])
        #expect(smoke.parts.map(\.name) == [.remedies, .asynchrony])
        #expect(ReproductionPlan(mode: .quick, selection: [.asynchrony]).parts.isEmpty)
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
    /// at batch 64 (with the warm-up baselines' lr 2^-10 and 2^-9 in it), both warm-up variants at both, and the batch contrast.
    @Test func focusedPlanHoldsTheHingeCellsWithThreeSeeds() throws {
        let plan = try ReproductionPlan(mode: .focused).configurations()
        #expect(plan.count == 3 * (2 * 8 * 4 + 2 * 2 * 2 * 2 + 2 * 2))
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
