import Training

/// The grids `staleness reproduce` runs: the study's grid and the runs that go beyond it.
public struct ReproductionPlan: Sendable {
    /// Full study or a quick reduced version.
    public enum Mode: String, Sendable {
        /// The study's grid, 30 epochs, full data.
        case full
        /// A reduced grid, 3 epochs on a 30 000-example training subset: about 15 minutes on 2 cores.
        case quick
        /// Every part of the plan once, one epoch on 2 000 training and 1 000 test examples (12 runs): a check
        /// that a machine or cluster runs the whole route (shards, merge, report) before the long plans.
        case smoke
    }

    /// Which mode.
    public let mode: Mode
    /// Seeds per cell: every configuration runs with seeds 1…seeds.
    public let seeds: Int
    /// Claims 2–4: optimizer × learning rate × batch × constant delay.
    public let study: SweepGrid
    /// Claim 5: both warm-up variants against a constant learning rate, under delay.
    public let warmup: SweepGrid
    /// Beyond the study: sampled delays and emulated workers against a constant delay of the same mean.
    public let delayModels: SweepGrid
    /// Beyond the study: the remedies on SGD cases that fail under delay.
    public let remedies: SweepGrid

    /// The most seeds a plan takes.
    public static let maximumSeeds = 100

    /// The plan of `mode` with `seeds` seeds per cell (1…`maximumSeeds`; values outside are clamped,
    /// callers validate with `validateSeeds`).
    public init(mode: Mode, seeds: Int = 1) {
        self.mode = mode
        self.seeds = min(max(seeds, 1), Self.maximumSeeds)
        func grid(_ axes: [SweepParameter: String]) -> SweepGrid {
            var grid = SweepGrid()
            // The texts below are fixed and valid; a typo would show in the plan's tests.
            for (parameter, text) in axes { try? grid.set(parameter, to: text) }
            return grid
        }
        var common: [SweepParameter: String] = [.input: "paper", .momentum: "0.9",
                                                .seed: (1...self.seeds).map(String.init).joined(separator: ",")]
        switch mode {
        case .full:
            common[.epochs] = "30"
            study = grid(common.merging([
                .optimizer: "sgd,adam", .lr: "2^-13:2^-5,1e-3,10^-2.5", .batch: "2^5:2^10",
                .delay: "0,1,2,4,8,16,32,64,128,256",
            ]) { $1 })
            warmup = grid(common.merging([
                .optimizer: "sgd,adam", .lr: "1e-3,10^-2.5", .batch: "64,128", .delay: "32,128,256",
                .warmup: "gradual,paper", .warmupEpochs: "5",
            ]) { $1 })
            delayModels = grid(common.merging([
                .optimizer: "sgd,adam", .lr: "1e-3,10^-2.5", .batch: "64", .delay: "32,sampled:33,workers:33,128,sampled:129,workers:129",
            ]) { $1 })
            remedies = grid(common.merging([
                .optimizer: "sgd", .lr: "10^-2.5,1e-2", .batch: "64,128", .delay: "64,128,256",
                .remedy: "none,dc:0.04,dca:2,inverse,clip:1,ramp:5",
            ]) { $1 })
        case .smoke:
            common[.epochs] = "1"
            common[.trainSubset] = "2000"
            common[.testSubset] = "1000"
            study = grid(common.merging([
                .optimizer: "sgd,adam", .lr: "1e-3,1e-2", .batch: "32", .delay: "0,4",
            ]) { $1 })
            warmup = grid(common.merging([
                .optimizer: "adam", .lr: "1e-3", .batch: "32", .delay: "4", .warmup: "gradual", .warmupEpochs: "1",
            ]) { $1 })
            delayModels = grid(common.merging([
                .optimizer: "adam", .lr: "1e-3", .batch: "32", .delay: "sampled:5,workers:5",
            ]) { $1 })
            remedies = grid(common.merging([
                .optimizer: "sgd", .lr: "1e-2", .batch: "32", .delay: "4", .remedy: "inverse",
            ]) { $1 })
        case .quick:
            common[.epochs] = "3"
            common[.trainSubset] = "30000"
            study = grid(common.merging([
                .optimizer: "sgd,adam", .lr: "10^-4:10^-1:0.5", .batch: "64,128,512", .delay: "0,8,32,128,256",
            ]) { $1 })
            warmup = grid(common.merging([
                .optimizer: "sgd,adam", .lr: "10^-2.5", .batch: "64", .delay: "128",
                .warmup: "gradual,paper", .warmupEpochs: "2",
            ]) { $1 })
            delayModels = grid(common.merging([
                .optimizer: "sgd,adam", .lr: "1e-3", .batch: "64", .delay: "32,sampled:33,workers:33",
            ]) { $1 })
            remedies = grid(common.merging([
                .optimizer: "sgd", .lr: "1e-2", .batch: "64", .delay: "128",
                .remedy: "none,dc:0.04,inverse,clip:1,ramp:1",
            ]) { $1 })
        }
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
        for grid in [study, warmup, delayModels, remedies] {
            for c in try grid.configurations() where seen.insert(ConfigurationHash.of(c)).inserted { result.append(c) }
        }
        return result
    }
}
