import StalenessSimulation
import Training

/// An option a sweep can vary: every option of `staleness train` except the data directory and
/// output paths, plus `remedy`, a shorthand for combinations of remedies.
///
/// The raw value is the long option name. The declaration order is the grid's nesting order: the
/// first parameter varies slowest, `seed` fastest.
public enum SweepParameter: String, CaseIterable, Codable, Sendable {
    case dataset, input, optimizer, momentum, nesterov
    case weightDecay = "weight-decay"
    case beta1, beta2, schedule, epochs
    case trainSubset = "train-subset"
    case testSubset = "test-subset"
    case threads, batch, lr, delay
    case flushDelayed = "flush-delayed"
    case delaySampling = "delay-sampling"
    case sigma, model, calibration
    case slowFraction = "slow-fraction"
    case slowFactor = "slow-factor"
    case stragglerProbability = "straggler-probability"
    case stragglerFactor = "straggler-factor"
    case workerTimes = "worker-times"
    case algorithm
    case communicationTime = "communication-time"
    case warmup
    case warmupEpochs = "warmup-epochs"
    case rampEpochs = "ramp-epochs"
    case clipNorm = "clip-norm"
    case dcLambda = "dc-lambda"
    case dcAdaptive = "dc-adaptive"
    case dcMomentum = "dc-momentum"
    case stalenessLR = "staleness-lr"
    case remedy, seed

    /// The value used when a sweep (or `train`) does not mention the parameter, taken from the
    /// library's defaults: `TrainingConfiguration()`, `Remedies()`, ``WorkerHeterogeneity`` and the
    /// study's ``WorkerTimeModel``. `momentum` is `default`: the optimizer's own (0.9 for SGD, 0 for
    /// RMSProp).
    public var defaultValue: String {
        let configuration = TrainingConfiguration()
        let remedies = configuration.remedies
        switch self {
        case .dataset: return configuration.dataset.rawValue
        case .input: return configuration.input.rawValue
        case .optimizer: return configuration.optimizer.kind.rawValue
        case .momentum: return "default"
        case .nesterov: return "\(configuration.optimizer.nesterov)"
        case .flushDelayed, .dcAdaptive: return "false"
        case .weightDecay: return "\(configuration.optimizer.weightDecay)"
        case .beta1: return "\(configuration.optimizer.beta1)"
        case .beta2: return "\(configuration.optimizer.beta2)"
        case .schedule: return "\(configuration.schedule)"
        case .epochs: return "\(configuration.epochs)"
        case .trainSubset: return configuration.trainSubset.map { "\($0)" } ?? "all"
        case .testSubset: return configuration.testSubset.map { "\($0)" } ?? "all"
        case .threads: return "\(configuration.threads)"
        case .batch: return "\(configuration.batchSize)"
        case .lr: return "\(configuration.learningRate)"
        case .delay: return "sync"
        case .delaySampling: return "fitted"
        case .sigma: return "\(WorkerTimeModel.studyDefault.standardDeviation)"
        case .model: return WorkerTimeModel.studyDefault.name
        case .calibration: return "none"
        case .slowFraction: return "\(WorkerHeterogeneity.none.slowFraction)"
        case .slowFactor: return "\(WorkerHeterogeneity.defaultSlowFactor)"
        case .stragglerProbability: return "\(WorkerHeterogeneity.none.stragglerProbability)"
        case .stragglerFactor: return "\(WorkerHeterogeneity.defaultStragglerFactor)"
        case .workerTimes: return "equal"
        case .algorithm: return "async"
        case .communicationTime: return "0"
        case .warmup: return "none"
        case .warmupEpochs: return "\(LearningRateSchedule.defaultWarmupEpochs)"
        case .rampEpochs: return "\(remedies.rampEpochs)"
        case .clipNorm: return remedies.clipNorm.map { "\($0)" } ?? "none"
        case .dcLambda: return "none"
        case .dcMomentum: return "\(Remedies.Compensation.defaultAdaptiveMomentum)"
        case .stalenessLR: return "\(remedies.stalenessScaling)"
        case .remedy: return "none"
        case .seed: return "\(configuration.seed)"
        }
    }

    /// What the values look like, for `sweep --help`.
    public var valueHelp: String {
        switch self {
        case .delay:
            "sync, D (constant delay, 0 included), sampled:N (delays of N simulated workers), "
                + "workers:N (N emulated workers), dist:FILE, trace:FILE"
        case .remedy:
            "none or items joined by +: dc:λ, dca:λ, inverse, capped:C, clip:NORM, ramp:EPOCHS, "
                + "warmup:gradual[:E], warmup:paper[:E]"
        case .nesterov, .flushDelayed, .dcAdaptive: "true, false"
        case .algorithm: "sync, sync-backup:K, async, rennala:B, ringmaster:R (with delay workers:N)"
        case .trainSubset, .testSubset: "N or all"
        case .calibration: "a calibration file (from `staleness calibrate`) or none; with sampled:N or workers:N"
        case .clipNorm, .dcLambda: "a number or none"
        default: "as for `train --\(rawValue)`"
        }
    }
}
