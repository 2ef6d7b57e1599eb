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
    case sigma, model
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

    /// The value used when a sweep does not mention the parameter: the `train` command's default.
    public var defaultValue: String {
        switch self {
        case .dataset: "mnist"
        case .input: "normalized"
        case .optimizer: "sgd"
        case .momentum: "0.9"
        case .nesterov, .flushDelayed, .dcAdaptive: "false"
        case .weightDecay: "0"
        case .beta1: "0.9"
        case .beta2: "0.999"
        case .schedule: "constant"
        case .epochs: "1"
        case .trainSubset, .testSubset: "all"
        case .threads: "1"
        case .batch: "64"
        case .lr: "0.01"
        case .delay: "sync"
        case .delaySampling: "fitted"
        case .sigma: "0.2"
        case .model: "normal"
        case .slowFraction: "0"
        case .slowFactor: "1"
        case .stragglerProbability: "0"
        case .stragglerFactor: "1"
        case .workerTimes: "equal"
        case .algorithm: "async"
        case .communicationTime: "0"
        case .warmup: "none"
        case .warmupEpochs: "5"
        case .rampEpochs: "0"
        case .clipNorm, .dcLambda: "none"
        case .dcMomentum: "0.95"
        case .stalenessLR: "none"
        case .remedy: "none"
        case .seed: "1"
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
        case .clipNorm, .dcLambda: "a number or none"
        default: "as for `train --\(rawValue)`"
        }
    }
}
