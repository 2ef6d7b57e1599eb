/// How a cluster of emulated workers and one server turn gradients into updates; see the README's
/// "A clock for asynchrony" for the exact rules and the papers.
///
/// Text form (``init(_:)``/``description``): `sync`, `sync-backup:K`, `async`, `rennala:B`,
/// `ringmaster:R` (R an integer ≥ 0 or `inf`).
public enum Algorithm: Codable, Hashable, Sendable, LosslessStringConvertible {
    /// Every step all N workers compute on the current parameters; the server averages the N
    /// gradients; the step lasts until the slowest finishes.
    case sync
    /// N + K workers compute; the server averages the first N to finish and cancels the rest
    /// (Chen et al. 2017, "Revisiting distributed synchronous SGD").
    case syncBackup(backups: Int)
    /// Workers read, compute and submit on their own; the server applies in arrival order.
    case async
    /// Rennala SGD (Tyurin & Richtárik 2023): asynchronous workers; the server keeps only gradients
    /// computed on its current parameters and steps with their mean after `batches` of them.
    case rennala(batches: Int)
    /// Ringmaster ASGD (Maranjyan, Tyurin & Richtárik 2025), without calculation stops: asynchronous,
    /// but a gradient of staleness greater than `maxStaleness` is discarded (nil: never).
    case ringmaster(maxStaleness: Int?)

    /// Reads the text form; nil for anything malformed or out of range.
    public init?(_ description: String) {
        let parts = description.split(separator: ":", maxSplits: 1).map(String.init)
        let argument = parts.count == 2 ? parts[1] : nil
        switch (parts.first ?? "", argument) {
        case ("sync", nil): self = .sync
        case ("async", nil): self = .async
        case let ("sync-backup", k?):
            guard let k = Int(k), k >= 0 else { return nil }
            self = .syncBackup(backups: k)
        case let ("rennala", b?):
            guard let b = Int(b), b >= 1 else { return nil }
            self = .rennala(batches: b)
        case let ("ringmaster", r?):
            if r == "inf" || r == "∞" { self = .ringmaster(maxStaleness: nil); return }
            guard let r = Int(r), r >= 0 else { return nil }
            self = .ringmaster(maxStaleness: r)
        default: return nil
        }
    }

    /// Parses like ``init(_:)`` but names the problem.
    /// - Throws: `TrainingError.invalidConfiguration` with the accepted forms.
    public init(parsing text: String) throws(TrainingError) {
        guard let algorithm = Algorithm(text) else {
            throw .invalidConfiguration(
                "unknown algorithm \"\(text)\"; use sync, sync-backup:K (K ≥ 0), async, rennala:B (B ≥ 1) "
                    + "or ringmaster:R (R ≥ 0 or inf)")
        }
        self = algorithm
    }

    /// The text form.
    public var description: String {
        switch self {
        case .sync: "sync"
        case let .syncBackup(k): "sync-backup:\(k)"
        case .async: "async"
        case let .rennala(b): "rennala:\(b)"
        case let .ringmaster(r): "ringmaster:\(r.map(String.init) ?? "inf")"
        }
    }

    /// Whether every step waits for a round of workers (`sync`, `sync-backup`).
    public var isSynchronous: Bool {
        switch self {
        case .sync, .syncBackup: true
        case .async, .rennala, .ringmaster: false
        }
    }

    /// Gradients (mini-batches) the server averages into one update with `workers` workers.
    public func gradientsPerUpdate(workers: Int) -> Int {
        switch self {
        case .sync, .syncBackup: workers
        case .async, .ringmaster: 1
        case let .rennala(b): b
        }
    }
}
