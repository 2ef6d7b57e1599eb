import Foundation
import Training

/// The grids `staleness reproduce` runs: the study's grid and the runs that go beyond it.
public struct ReproductionPlan: Sendable {
    /// Full study or a quick reduced version.
    public enum Mode: String, Sendable {
        /// The study's grid, 30 epochs, full data.
        case full
        /// A reduced grid, 3 epochs on a 30 000-example training subset: about 15 minutes on 2 cores.
        case quick
        /// Every part of the plan once, one epoch on 2 000 training and 1 000 test examples (14 runs): a check
        /// that a machine or cluster runs the whole route (shards, merge, report) before the long plans.
        case smoke
        /// The cells each claim's verdict hinges on, with 3 seeds (252 runs of 30 epochs, about 2.5 hours
        /// on 2 cores): SGD and Adam at batch 64 over lr 2^-14…2^-7 × delay 0, 32, 128, 256 (the best cells
        /// per delay and the collapse points of claims 3 and 4), the warm-up pairs of claim 5 at lr 2^-10 and 2^-9,
        /// and claim 2's batch 64 against 1024 at lr 10^-2.5 under delay 32.
        case focused

        /// Seeds per cell when `--seeds` is not given: 3 for the focused plan, 1 otherwise.
        public var defaultSeeds: Int { self == .focused ? 3 : 1 }
    }

    /// The named parts of a plan; each has its own section of the report. `reproduce --part NAME`
    /// runs only the named ones.
    public enum PartName: String, CaseIterable, Codable, Sendable {
        /// Claims 2–4: optimizer × learning rate × batch × constant delay.
        case study
        /// Claim 5: the warm-up schedules under delay.
        case warmup
        /// Sampled delays and emulated workers against the constant delay of the same mean.
        case delayModels = "delay-models"
        /// The remedies on SGD cases that fail under delay.
        case remedies
        /// "Does asynchrony pay?": the algorithms raced on emulated clusters, by simulated time.
        case asynchrony

        /// Reads a comma-separated list of part names.
        /// - Throws: `SweepError.badValue` naming the unknown part and the known ones.
        public static func parseList(_ text: String) throws(SweepError) -> Set<PartName> {
            var names = Set<PartName>()
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                let name = item.trimmingCharacters(in: .whitespaces)
                guard let part = PartName(rawValue: name) else {
                    throw .badValue(option: "part", value: name,
                                    reason: "expected \(allCases.map(\.rawValue).joined(separator: ", "))")
                }
                names.insert(part)
            }
            return names
        }
    }

    /// One grid of the plan and what it is for.
    public struct Part: Sendable {
        /// Which part of the plan the grid belongs to (a part may hold several grids).
        public var name: PartName
        /// What the grid tests, e.g. "claims 2–4: optimizer × lr × batch × constant delay".
        public var purpose: String
        /// The grid.
        public var grid: SweepGrid
    }

    /// Which mode.
    public let mode: Mode
    /// Seeds per cell: every configuration runs with seeds 1…seeds.
    public let seeds: Int
    /// The plan's grids, in the order they run (a configuration in two grids runs once).
    public let parts: [Part]
    /// The part names the plan was cut to (nil: every part of the mode).
    public let selection: Set<PartName>?

    /// The most seeds a plan takes.
    public static let maximumSeeds = 100

    /// Workers of the clusters "Does asynchrony pay?" races on (full plan).
    public static let asynchronyWorkers = [8, 32, 128]

    /// The algorithms raced on a cluster of `workers` workers: `sync`, `sync-backup:N/8`, `async`,
    /// `rennala:N/4` and `ringmaster:N/2` (each parameter at least 1).
    public static func asynchronyAlgorithms(workers: Int) -> [Algorithm] {
        [.sync, .syncBackup(backups: max(1, workers / 8)), .async, .rennala(batches: max(1, workers / 4)),
         .ringmaster(maxStaleness: max(1, workers / 2))]
    }

    /// The plan of `mode` with `seeds` seeds per cell (default `mode.defaultSeeds`; values outside
    /// 1…`maximumSeeds` are clamped, callers validate with `validateSeeds`), cut to the parts named
    /// in `selection` (nil: all of them).
    public init(mode: Mode, seeds: Int? = nil, selection: Set<PartName>? = nil) {
        self.mode = mode
        self.seeds = min(max(seeds ?? mode.defaultSeeds, 1), Self.maximumSeeds)
        self.selection = selection
        var common: [SweepParameter: String] = [.input: "paper", .momentum: "0.9",
                                                .seed: (1...self.seeds).map(String.init).joined(separator: ",")]
        func part(_ name: PartName, _ purpose: String, _ axes: [SweepParameter: String]) -> Part {
            var grid = SweepGrid()
            // The texts below are fixed and valid; a typo would show in the plan's tests.
            for (parameter, text) in common.merging(axes, uniquingKeysWith: { $1 }) { try? grid.set(parameter, to: text) }
            return Part(name: name, purpose: purpose, grid: grid)
        }
        // One race per N: SGD on sqrt(i+1) × N(1, σ²) times with random stragglers (p 0.05, ×5).
        func asynchrony(workers: [Int], _ axes: [SweepParameter: String]) -> [Part] {
            workers.map { n in
                part(.asynchrony, "does asynchrony pay? the algorithms raced on \(n) workers, by simulated time to accuracy",
                     [.optimizer: "sgd", .batch: "64", .delay: "workers:\(n)", .workerTimes: "sqrt",
                      .stragglerProbability: "0.05",
                      .algorithm: Self.asynchronyAlgorithms(workers: n).map(\.description).joined(separator: ",")]
                        .merging(axes, uniquingKeysWith: { $1 }))
            }
        }
        let parts: [Part]
        let study = "claims 2–4: optimizer × learning rate × batch × constant delay"
        let warmup = "claim 5: both warm-up variants against a constant learning rate, under delay"
        let delayModels = "beyond the study: sampled delays and emulated workers against a constant delay of the same mean"
        let remedies = "beyond the study: the remedies on SGD cases that fail under delay"
        switch mode {
        case .full:
            common[.epochs] = "30"
            parts = [
                part(.study, study, [.optimizer: "sgd,adam", .lr: "2^-13:2^-5,1e-3,10^-2.5", .batch: "2^5:2^10",
                             .delay: "0,1,2,4,8,16,32,64,128,256"]),
                part(.warmup, warmup, [.optimizer: "sgd,adam", .lr: "1e-3,10^-2.5", .batch: "64,128", .delay: "32,128,256",
                              .warmup: "gradual,paper", .warmupEpochs: "5"]),
                part(.delayModels, delayModels, [.optimizer: "sgd,adam", .lr: "1e-3,10^-2.5", .batch: "64",
                                   .delay: "32,sampled:33,workers:33,128,sampled:129,workers:129"]),
                part(.remedies, remedies, [.optimizer: "sgd", .lr: "10^-2.5,1e-2", .batch: "64,128", .delay: "64,128,256",
                                .remedy: "none,dc:0.04,dca:2,inverse,clip:1,ramp:5"]),
            ] + asynchrony(workers: Self.asynchronyWorkers, [.epochs: "3", .lr: "1e-3,1e-2,1e-1", .sigma: "0.2,0.5"])
        case .focused:
            common[.epochs] = "30"
            parts = [
                part(.study, "claims 3 and 4: the best cells per delay and the learning rates where accuracy collapses",
                     [.optimizer: "sgd,adam", .lr: "2^-14:2^-7", .batch: "64", .delay: "0,32,128,256"]),
                // At 2^-10 the study's warm-up (from 0.001 up to the target) is no warm-up at all: it runs 0.001 for
                // E epochs. 2^-9 is the grid's lowest lr where it rises (0.001 → 0.00195).
                part(.warmup, "claim 5: the warm-up pairs (gradual and the study's warm-up against a constant lr)",
                     [.optimizer: "sgd,adam", .lr: "2^-10,2^-9", .batch: "64", .delay: "32,128",
                      .warmup: "gradual,paper", .warmupEpochs: "5"]),
                part(.study, "claim 2: batch 64 against batch 1024 at lr 10^-2.5 under delay",
                     [.optimizer: "sgd,adam", .lr: "10^-2.5", .batch: "64,1024", .delay: "32"]),
            ]
        case .smoke:
            common[.epochs] = "1"
            common[.trainSubset] = "2000"
            common[.testSubset] = "1000"
            parts = [
                part(.study, study, [.optimizer: "sgd,adam", .lr: "1e-3,1e-2", .batch: "32", .delay: "0,4"]),
                part(.warmup, warmup, [.optimizer: "adam", .lr: "1e-3", .batch: "32", .delay: "4", .warmup: "gradual",
                              .warmupEpochs: "1"]),
                part(.delayModels, delayModels, [.optimizer: "adam", .lr: "1e-3", .batch: "32", .delay: "sampled:5,workers:5"]),
                part(.remedies, remedies, [.optimizer: "sgd", .lr: "1e-2", .batch: "32", .delay: "4", .remedy: "inverse"]),
            ] + asynchrony(workers: [4], [.lr: "1e-2", .batch: "32", .sigma: "0.2", .algorithm: "sync,async"])
        case .quick:
            common[.epochs] = "3"
            common[.trainSubset] = "30000"
            parts = [
                part(.study, study, [.optimizer: "sgd,adam", .lr: "10^-4:10^-1:0.5", .batch: "64,128,512",
                             .delay: "0,8,32,128,256"]),
                part(.warmup, warmup, [.optimizer: "sgd,adam", .lr: "10^-2.5", .batch: "64", .delay: "128",
                              .warmup: "gradual,paper", .warmupEpochs: "2"]),
                part(.delayModels, delayModels, [.optimizer: "sgd,adam", .lr: "1e-3", .batch: "64", .delay: "32,sampled:33,workers:33"]),
                part(.remedies, remedies, [.optimizer: "sgd", .lr: "1e-2", .batch: "64", .delay: "128",
                                .remedy: "none,dc:0.04,inverse,clip:1,ramp:1"]),
            ]
        }
        self.parts = selection.map { names in parts.filter { names.contains($0.name) } } ?? parts
    }

    /// Checks a `--seeds` value: 1…`maximumSeeds`.
    /// - Throws: `SweepError.invalidValue` naming the bound.
    public static func validateSeeds(_ seeds: Int) throws(SweepError) {
        guard (1...maximumSeeds).contains(seeds) else {
            throw .badValue(option: "seeds", value: "\(seeds)", reason: "must be between 1 and \(maximumSeeds)")
        }
    }

    /// Every configuration of the plan, study grid first, each once.
    /// - Throws: `SweepError` (only if a grid above were malformed).
    public func configurations() throws(SweepError) -> [TrainingConfiguration] {
        var seen = Set<String>(), result: [TrainingConfiguration] = []
        for part in parts {
            for c in try part.grid.configurations() where seen.insert(ConfigurationHash.of(c)).inserted { result.append(c) }
        }
        return result
    }
}
