/// The simulated clock of an emulated cluster and its per-epoch counters. Sources call it once per
/// gradient; ``endEpoch()`` reads the epoch and starts the next.
struct ClusterClock {
    /// Workers whose time is accounted.
    let workers: Int
    /// Simulated time of the last server update.
    private(set) var time = 0.0
    private var epochStart = 0.0
    private var busy = 0.0
    private var computed = 0
    private var applied = 0
    private var discarded = 0
    private var stalenessSum = 0

    init(workers: Int) { self.workers = workers }

    /// The server updates at `time` (never earlier than the previous update).
    mutating func advance(to time: Double) { self.time = max(self.time, time) }
    /// Workers computed for `duration` within the current epoch.
    mutating func addBusy(_ duration: Double) { busy += duration }
    /// One gradient went into an update with staleness `staleness`.
    mutating func countApplied(staleness: Int) {
        computed += 1
        applied += 1
        stalenessSum += staleness
    }
    /// One gradient was dropped.
    mutating func countDiscarded() {
        computed += 1
        discarded += 1
    }

    /// The epoch's reading; the counters restart for the next epoch.
    mutating func endEpoch() -> ClockReading {
        let span = time - epochStart
        let idle = span > 0 ? min(1, max(0, 1 - busy / (Double(workers) * span))) : nil
        let reading = ClockReading(
            time: time, computed: computed, applied: applied, discarded: discarded, idleFraction: idle,
            meanStaleness: applied > 0 ? Double(stalenessSum) / Double(applied) : nil)
        epochStart = time
        busy = 0
        computed = 0
        applied = 0
        discarded = 0
        stalenessSum = 0
        return reading
    }
}
