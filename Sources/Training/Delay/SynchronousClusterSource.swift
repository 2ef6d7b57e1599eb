import StalenessSimulation

/// `sync` and `sync-backup:K` on an emulated cluster: every step N + K workers start a gradient on
/// the current parameters; the server averages the first N to finish (by compute time, ties to the
/// lower id) and cancels the other K; the step lasts from the broadcast of the parameters until the
/// N-th gradient has arrived: its compute time plus one download and one upload.
///
/// The kept workers draw their mini-batches from the shared stream in worker-id order; cancelled
/// backups draw none, so every pass over the data is an exact epoch and `sync-backup:0` is `sync`.
final class SynchronousClusterSource: GradientSource {
    private let averager: GradientAverager
    private let times: ComputeTimeSource
    private let kept: Int
    private let communicationTime: Double
    private var drawn: [Double]
    private var dropped: [Bool]
    private var clock: ClusterClock

    /// - Parameters:
    ///   - workers: N, the gradients averaged per step.
    ///   - backups: K, the extra workers whose gradients are cancelled.
    init(computer: GradientComputer, parameterCount: Int, workers: Int, backups: Int, times: ComputeTimeSource,
         communicationTime: Double) {
        averager = GradientAverager(computer: computer, parameterCount: parameterCount)
        self.times = times
        kept = workers
        self.communicationTime = communicationTime
        drawn = [Double](repeating: 0, count: workers + backups)
        dropped = [Bool](repeating: false, count: workers + backups)
        clock = ClusterClock(workers: workers + backups)
    }

    func next(step: Int, progress: Double, parameters: FloatBuffer) -> PendingUpdate? {
        let started = drawn.count
        for worker in 0..<started { drawn[worker] = times.draw(worker: worker) }
        let (finish, busy) = Self.round(drawn, kept: kept, dropped: &dropped)
        clock.addBusy(busy)
        clock.advance(to: clock.time + finish + 2 * communicationTime)
        for worker in 0..<started {
            if dropped[worker] {
                clock.countDiscarded()
            } else {
                averager.add(on: parameters.readable)
                clock.countApplied(staleness: 0)
            }
        }
        let outcome = averager.finish()
        return PendingUpdate(gradient: averager.sum.storage, staleParameters: nil, staleness: 0, outcome: outcome)
    }

    /// One round of `drawn.count` workers of which the first `kept` to finish count: marks the
    /// others (the last to finish, ties going to the higher id) in `dropped` and returns the round's
    /// compute span — the `kept`-th smallest time — and the workers' busy time, cancelled ones
    /// computing until the span ends.
    static func round(_ drawn: [Double], kept: Int, dropped: inout [Bool]) -> (finish: Double, busy: Double) {
        let started = drawn.count
        for worker in 0..<started { dropped[worker] = false }
        for _ in 0..<(started - kept) {
            var slowest = -1
            for worker in 0..<started where !dropped[worker] {
                if slowest < 0 || drawn[worker] >= drawn[slowest] { slowest = worker }
            }
            dropped[slowest] = true
        }
        var finish = 0.0
        var busy = 0.0
        for worker in 0..<started where !dropped[worker] {
            finish = max(finish, drawn[worker])
            busy += drawn[worker]
        }
        return (finish, busy + Double(started - kept) * finish)
    }

    func didApply(parameters: FloatBuffer) {}
    func drain() -> [PendingUpdate] { [] }
    func endEpoch() -> ClockReading? { clock.endEpoch() }
    var bufferBytes: Int { averager.bufferBytes }
}
