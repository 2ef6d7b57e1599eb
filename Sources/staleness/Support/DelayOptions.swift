import ArgumentParser
import Experiments
import StalenessSimulation
import Training

/// The options that choose a delay model and remedies for a training run; parsed by the library's
/// ``ConfigurationBuilder`` exactly as the same `sweep` values (`--delay D` is `sweep --delay D`,
/// `--delay-dist F` is `dist:F`, `--workers N` is `sampled:N`, `--emulate-workers N` is `workers:N`,
/// `--trace F` is `trace:F`).
struct DelayOptions: ParsableArguments {
    @Option(help: "Constant delay D: each gradient is applied D steps after it was computed (the study's wrapper).")
    var delay: Int?

    @Flag(name: .customLong("flush-delayed"), help: "With --delay: apply the gradients still queued at the end.")
    var flushDelayed = false

    @Option(name: .customLong("delay-dist"), help: "Sample delays from this distribution file (from `staleness simulate`).")
    var delayDistribution: String?

    @Option(name: .customLong("delay-sampling"), help: "Sample from the file's fitted normal (fitted), its histogram (empirical), the family with the best BIC (best) or one family (poisson, negative-binomial, gamma, log-normal).")
    var delaySampling: DistributionFile.DelaySource = .fittedNormal

    @Option(help: "Sample delays from a simulation of N workers run on the fly (with --sigma, --model).")
    var workers: Int?

    @Option(name: .customLong("emulate-workers"), help: "Emulate N asynchronous workers driven by simulated compute times.")
    var emulateWorkers: Int?

    @Option(help: "Replay the submission order of a simulator trace file (written with --warmup 0 for an exact replay).")
    var trace: String?

    @Option(help: "How the server uses emulated workers' gradients: sync, sync-backup:K, async, rennala:B or ringmaster:R (R ≥ 0 or inf).")
    var algorithm: String = "async"

    @Option(name: .customLong("communication-time"), help: "Simulated time of one message (gradient upload or parameter download) of emulated workers, in mean compute times.")
    var communicationTime: Double = 0

    @Option(name: .customLong("worker-times"), help: "Fixed base times of the workers, multiplying every draw: equal, sqrt (worker i takes √(i+1)) or linear (i+1).")
    var workerTimes: String = "equal"

    @OptionGroup var workerTime: WorkerTimeOptions

    @Option(help: "Learning-rate warm-up: gradual (linear, clamped at the target) or paper (the study's, unclamped).")
    var warmup: String?

    @Option(name: .customLong("warmup-epochs"), help: "Epochs of the learning-rate warm-up.")
    var warmupEpochs: Int = LearningRateSchedule.defaultWarmupEpochs

    @Option(name: .customLong("ramp-epochs"), help: "Grow the delay (or emulated workers) from 0 to its target over E epochs.")
    var rampEpochs: Int = Remedies().rampEpochs

    @Option(name: .customLong("clip-norm"), help: "Clip every gradient to this global L2 norm.")
    var clipNorm: Double?

    @Option(name: .customLong("dc-lambda"), help: "Delay compensation (DC-ASGD) with this λ (constant variant; 0.04 in the paper).")
    var compensationLambda: Double?

    @Flag(name: .customLong("dc-adaptive"), help: "Adaptive DC-ASGD: λ/√(running mean of g²); λ defaults to 2.")
    var compensationAdaptive = false

    @Option(name: .customLong("dc-momentum"), help: "Running-mean factor m of adaptive DC-ASGD.")
    var compensationMomentum: Double = Remedies.Compensation.defaultAdaptiveMomentum

    @Option(name: .customLong("staleness-lr"), help: "Staleness-aware learning rate: none, inverse (η/τ), capped:C (η·min(1, C/τ)) or poly:a (η·(1+τ)^−a).")
    var stalenessLR: String = "\(Remedies().stalenessScaling)"

    func validate() throws {
        let chosen = [delay != nil, delayDistribution != nil, workers != nil, emulateWorkers != nil, trace != nil]
        guard chosen.filter({ $0 }).count <= 1 else {
            throw ValidationError("choose one delay model: --delay, --delay-dist, --workers, --emulate-workers "
                                  + "or --trace (a trace brings its own workers)")
        }
        if flushDelayed, delay == nil { throw ValidationError("--flush-delayed goes with --delay") }
        if algorithm != SweepParameter.algorithm.defaultValue || communicationTime != 0, emulateWorkers == nil, trace == nil {
            throw ValidationError("--algorithm and --communication-time go with --emulate-workers N or --trace")
        }
    }

    /// These options as one point of a sweep grid; left-out options are absent and take the
    /// library's defaults.
    var point: [SweepParameter: String] {
        var point: [SweepParameter: String] = [
            .flushDelayed: "\(flushDelayed)", .delaySampling: "\(delaySampling)",
            .warmupEpochs: "\(warmupEpochs)", .rampEpochs: "\(rampEpochs)", .dcAdaptive: "\(compensationAdaptive)",
            .dcMomentum: "\(compensationMomentum)", .stalenessLR: stalenessLR, .workerTimes: workerTimes,
            .algorithm: algorithm, .communicationTime: "\(communicationTime)",
        ]
        if let delay { point[.delay] = "\(delay)" }
        if let delayDistribution { point[.delay] = "dist:\(delayDistribution)" }
        if let workers { point[.delay] = "sampled:\(workers)" }
        if let emulateWorkers { point[.delay] = "workers:\(emulateWorkers)" }
        if let trace { point[.delay] = "trace:\(trace)" }
        point[.warmup] = warmup
        point[.clipNorm] = clipNorm.map { "\($0)" }
        point[.dcLambda] = compensationLambda.map { "\($0)" }
        return point.merging(workerTime.point) { own, _ in own }
    }
}
