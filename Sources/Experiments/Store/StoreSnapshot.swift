/// The contents of a results store, read at once: what exports, figures and reports work from.
public struct StoreSnapshot: Equatable, Sendable {
    /// Every readable run.
    public var runs: [RunRecord]
    /// Every epoch of every readable run.
    public var epochs: [EpochRecord]
    /// The staleness scan (may be empty).
    public var stalenessScan: [StalenessScanRecord]
    /// The rows left out because they cannot be read (with the epochs of an unreadable run); the
    /// commands print each as a warning and go on.
    public var unreadable: [UnreadableRow]

    /// A snapshot of these rows.
    public init(runs: [RunRecord], epochs: [EpochRecord], stalenessScan: [StalenessScanRecord] = [],
                unreadable: [UnreadableRow] = []) {
        self.runs = runs
        self.epochs = epochs
        self.stalenessScan = stalenessScan
        self.unreadable = unreadable
    }
}
