extension LearningRateSchedule: CustomStringConvertible {
    /// The forms ``init(parsing:)`` accepts, for help texts and error messages.
    public static let syntax = "constant, step:EVERY:FACTOR, gradual:EPOCHS, paper:EPOCHS or cosine"

    /// Epochs of a learning-rate warm-up when none are given (`--warmup-epochs`).
    public static let defaultWarmupEpochs = 5

    /// The warm-up schedule called `name` (`gradual`: linear, clamped at the target; `paper`: the
    /// study's, unclamped) over `epochs` epochs, as `--warmup NAME --warmup-epochs E` take it.
    /// - Throws: `OptimizerSettingsError` for another name or fewer than one epoch.
    public init(warmup name: String, epochs: Int) throws(OptimizerSettingsError) {
        guard epochs >= 1 else { throw OptimizerSettingsError("warm-up epochs must be ≥ 1, got \(epochs)") }
        switch name {
        case "gradual": self = .gradual(warmupEpochs: epochs)
        case "paper": self = .paper(warmupEpochs: epochs)
        default: throw OptimizerSettingsError("warm-up '\(name)': expected none, gradual or paper")
        }
    }

    /// Reads a schedule written as `constant`, `step:EVERY:FACTOR` (e.g. `step:10:0.1`),
    /// `gradual:EPOCHS`, `paper:EPOCHS` or `cosine`.
    /// - Throws: `OptimizerSettingsError` saying what is wrong and which forms are accepted.
    public init(parsing text: String) throws(OptimizerSettingsError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func count(_ expected: Int, _ form: String) throws(OptimizerSettingsError) {
            guard parts.count == expected else {
                throw OptimizerSettingsError("schedule '\(text)' should be written \(form)")
            }
        }
        func epochs(_ field: String) throws(OptimizerSettingsError) -> Int {
            guard let value = Int(field), value >= 1 else {
                throw OptimizerSettingsError("schedule '\(text)': '\(field)' is not a whole number of epochs ≥ 1")
            }
            return value
        }
        switch parts[0] {
        case "constant":
            try count(1, "constant")
            self = .constant
        case "cosine":
            try count(1, "cosine")
            self = .cosine
        case "step":
            try count(3, "step:EVERY:FACTOR, e.g. step:10:0.1")
            guard let factor = Double(parts[2]), factor.isFinite, factor > 0 else {
                throw OptimizerSettingsError("schedule '\(text)': the factor '\(parts[2])' is not a finite number > 0")
            }
            self = .step(everyEpochs: try epochs(parts[1]), factor: factor)
        case "gradual":
            try count(2, "gradual:EPOCHS, e.g. gradual:5")
            self = .gradual(warmupEpochs: try epochs(parts[1]))
        case "paper":
            try count(2, "paper:EPOCHS, e.g. paper:5")
            self = .paper(warmupEpochs: try epochs(parts[1]))
        default:
            throw OptimizerSettingsError("unknown schedule '\(text)' (expected \(Self.syntax))")
        }
    }

    /// The form ``init(parsing:)`` reads back, e.g. `step:10:0.1`.
    public var description: String {
        switch self {
        case .constant: "constant"
        case .cosine: "cosine"
        case let .step(everyEpochs, factor): "step:\(everyEpochs):\(factor)"
        case let .gradual(warmupEpochs): "gradual:\(warmupEpochs)"
        case let .paper(warmupEpochs): "paper:\(warmupEpochs)"
        }
    }
}
