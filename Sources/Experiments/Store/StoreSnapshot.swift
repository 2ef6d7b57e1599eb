/// The contents of a results store, read at once: what exports, figures and reports work from.
public struct StoreSnapshot: Equatable, Sendable {
    /// Every run.
    public var runs: [RunRecord]
    /// Every epoch of every run.
    public var epochs: [EpochRecord]
    /// The staleness scan (may be empty).
    public var stalenessScan: [StalenessScanRecord]

    /// A snapshot of these rows.
    public init(runs: [RunRecord], epochs: [EpochRecord], stalenessScan: [StalenessScanRecord] = []) {
        self.runs = runs
        self.epochs = epochs
        self.stalenessScan = stalenessScan
    }
}
