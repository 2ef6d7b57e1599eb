import Foundation

/// How the learning rate changes from epoch to epoch, as a function of the target rate, the
/// 0-based epoch `e` and the run's length `E_total`. The rate is held for the whole epoch.
public enum LearningRateSchedule: Hashable, Sendable {
    /// lr(e) = target.
    case constant
    /// lr(e) = target · factor^⌊e / everyEpochs⌋ (PyTorch's `StepLR`).
    case step(everyEpochs: Int, factor: Double)
    /// Linear warm-up clamped at the target: lr(e) = target · min(1, (e + 1) / warmupEpochs), so
    /// the first epoch runs at target/warmupEpochs and epoch warmupEpochs − 1 onwards at the target.
    case gradual(warmupEpochs: Int)
    /// The original study's warm-up: lr(e) = (target − min(target, 0.001)) / warmupEpochs · e + 0.001.
    /// It starts at 0.001, reaches the target at e = warmupEpochs and keeps growing linearly
    /// afterwards (the study did not clamp it). A target below 0.001 gives a constant 0.001.
    case paper(warmupEpochs: Int)
    /// Cosine annealing to 0 over the run: lr(e) = target · (1 + cos(π · e / E_total)) / 2 (PyTorch's
    /// `CosineAnnealingLR` with `T_max` = E_total stepped per epoch; the last epoch is still > 0).
    case cosine

    /// The learning rate for 0-based `epoch` in a run of `totalEpochs` epochs with target `target`.
    public func rate(target: Double, epoch: Int, totalEpochs: Int) -> Double {
        switch self {
        case .constant:
            return target
        case let .step(everyEpochs, factor):
            return target * pow(factor, Double(epoch / max(everyEpochs, 1)))
        case let .gradual(warmupEpochs):
            return target * min(1, Double(epoch + 1) / Double(max(warmupEpochs, 1)))
        case let .paper(warmupEpochs):
            let start = 0.001
            return (target - min(target, start)) / Double(max(warmupEpochs, 1)) * Double(epoch) + start
        case .cosine:
            return target * (1 + cos(Double.pi * Double(epoch) / Double(max(totalEpochs, 1)))) / 2
        }
    }

    /// Checks the schedule's parameters.
    /// - Throws: `OptimizerSettingsError` for a period or warm-up below 1 epoch, or a step factor
    ///   that is not a finite number > 0.
    public func validate() throws(OptimizerSettingsError) {
        switch self {
        case .constant, .cosine:
            return
        case let .step(everyEpochs, factor):
            guard everyEpochs >= 1 else {
                throw OptimizerSettingsError("step schedule: the period must be at least 1 epoch, got \(everyEpochs)")
            }
            guard factor.isFinite, factor > 0 else {
                throw OptimizerSettingsError("step schedule: the factor must be a finite number > 0, got \(factor)")
            }
        case let .gradual(warmupEpochs), let .paper(warmupEpochs):
            guard warmupEpochs >= 1 else {
                throw OptimizerSettingsError("warm-up must last at least 1 epoch, got \(warmupEpochs)")
            }
        }
    }
}
