import Foundation

/// Which delay model a run trains under. See the README's "Delay semantics" for the exact rules.
public enum DelaySpecification: Codable, Hashable, Sendable {
    /// Synchronous SGD.
    case none
    /// The study's wrapper: each gradient is applied `delay` steps after it was computed; nothing is
    /// applied in the first `delay` steps. With `flushAtEnd` the gradients still queued when training
    /// ends are applied before the final evaluation (the study did not).
    case constant(delay: Int, flushAtEnd: Bool)
    /// Stale reads: the gradient applied at step t is computed on the parameters of step t − τ_t,
    /// τ_t drawn from the distribution.
    case sampled(DelayDistribution)
    /// N virtual workers with their own stale parameters, submitting in an event-driven order.
    case emulated(WorkerEmulation)

    /// A short name for tables and run names: `sync`, `delay32`, `sampled(mean 31.0)`, `workers32`,
    /// `workers32-sync`, `workers32-rennala:8-sigma0.5-sqrt` (see `WorkerEmulation.clusterNameParts`).
    public var shortName: String {
        switch self {
        case .none: "sync"
        case let .constant(delay, _): "delay\(delay)"
        case let .sampled(distribution): String(format: "sampled-mean%.1f", distribution.mean)
        case let .emulated(emulation):
            (["workers\(emulation.workers)"] + emulation.clusterNameParts).joined(separator: "-")
        }
    }
}
