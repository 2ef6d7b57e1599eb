import StalenessSimulation

extension TrainingConfiguration {
    /// The bytes the delay model holds for the whole run, estimated before anything is allocated:
    /// the ring of stale gradients (and parameters) of a constant delay, the parameter snapshots of a
    /// sampled delay, one parameter copy per emulated worker (per-worker bookkeeping only for the
    /// algorithms that compute on the current parameters).
    public var estimatedDelayBufferBytes: Double {
        let parameters = Double(LeNet5.parameterCount * MemoryLayout<Float>.size)
        switch delay {
        case .none:
            return parameters
        case let .constant(delay, _):
            let copies = remedies.needsStaleParameters ? 2.0 : 1.0
            return copies * (Double(delay) + 1) * parameters
        case let .sampled(distribution):
            return (Double(distribution.maxDelay) + 1) * parameters
        case let .emulated(emulation):
            let workers = Double(emulation.workers)
            switch emulation.resolvedAlgorithm {
            case .sync, .syncBackup, .rennala: return 2 * parameters + workers * 64
            case .async, .ringmaster: return workers * parameters + workers * 64
            }
        }
    }

    /// Checks that the delay model's buffers fit in `budget`.
    /// - Throws: `TrainingError.invalidConfiguration` with the estimate and the budget when they do not.
    public func checkMemory(_ budget: MemoryBudget) throws(TrainingError) {
        let purpose = switch delay {
        case let .emulated(emulation): "emulating \(emulation.workers) workers (one parameter copy each)"
        default: "the delay model \(delay.shortName)"
        }
        do { try budget.check(estimatedDelayBufferBytes, for: purpose) } catch {
            throw .invalidConfiguration(error.description)
        }
    }
}
