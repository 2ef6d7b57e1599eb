/// What the simulated clock of an emulated cluster says about one epoch; see the README's
/// "A clock for asynchrony".
///
/// Times are in mean compute times of one mini-batch gradient (the worker-time model's unit).
/// Counts obey `computed = applied + discarded`.
public struct ClockReading: Codable, Hashable, Sendable {
    /// Simulated time at the end of the epoch (the time of its last update), from the start of training.
    public var time: Double
    /// Gradients the workers started during the epoch.
    public var computed: Int
    /// Gradients that went into updates.
    public var applied: Int
    /// Gradients dropped: too stale (`ringmaster`), not on the current parameters (`rennala`), or
    /// cancelled backups (`sync-backup`).
    public var discarded: Int
    /// Fraction of the workers' time in the epoch spent not computing (waiting or communicating),
    /// 0…1; nil when the epoch took no time (epoch 0).
    public var idleFraction: Double?
    /// Mean staleness of the applied gradients (nil when none were applied).
    public var meanStaleness: Double?

    /// A reading.
    public init(time: Double, computed: Int, applied: Int, discarded: Int, idleFraction: Double?,
                meanStaleness: Double?) {
        self.time = time
        self.computed = computed
        self.applied = applied
        self.discarded = discarded
        self.idleFraction = idleFraction
        self.meanStaleness = meanStaleness
    }

    /// The reading before training: time 0, nothing computed.
    public static let start = ClockReading(time: 0, computed: 0, applied: 0, discarded: 0, idleFraction: nil,
                                           meanStaleness: nil)
}
