/// `async`, `ringmaster:R` and `rennala:B` on an emulated cluster driven by the simulator's
/// arrivals. Workers never wait: a worker computes, uploads its gradient (one communication time),
/// and, once the server has dealt with it, downloads the parameters (another) and computes again.
///
/// - `async`: the server applies every gradient at its arrival; the worker reads the new parameters.
///   This is ``EmulatedWorkersSource`` with a clock: same order, same arithmetic.
/// - `ringmaster:R`: a gradient of staleness > R is discarded; as in Algorithm 4 of Maranjyan et al.
///   (2025, without calculation stops), its worker then starts again on the current parameters.
/// - `rennala:B`: a gradient not computed on the current parameters is discarded; the others are
///   accumulated and the server steps with their mean after B (Tyurin & Richtárik 2023). A worker
///   that contributed computes again at once on the same (soon superseded) parameters.
///
/// A discarded gradient costs its worker's time but draws no mini-batch, so every pass over the data
/// is an exact epoch of applied gradients. Snapshots of every worker's parameters are preallocated.
final class AsynchronousClusterSource: GradientSource {
    enum Rule {
        case async(maxStaleness: Int?)
        case rennala(batches: Int)
    }

    private let computer: GradientComputer
    private let averager: GradientAverager?
    private let arrivals: ArrivalStream
    private let rule: Rule
    private let parameterCount: Int
    private let communicationTime: Double
    private let snapshots: FloatBuffer?
    private let gradient: FloatBuffer
    private var readUpdates: [Int]
    private var lastArrival: [Double]
    private var accounted: [Double]
    private var updates = 0
    private var submitting = 0
    private var started = false
    private var clock: ClusterClock

    init(computer: GradientComputer, parameterCount: Int, workers: Int, rule: Rule, arrivals: ArrivalStream,
         communicationTime: Double) {
        self.computer = computer
        self.parameterCount = parameterCount
        self.arrivals = arrivals
        self.rule = rule
        self.communicationTime = communicationTime
        switch rule {
        case .async:
            snapshots = FloatBuffer(count: workers * parameterCount)
            gradient = FloatBuffer(count: parameterCount)
            averager = nil
        case .rennala:
            // Accepted gradients are computed on the current parameters: no snapshots needed.
            snapshots = nil
            gradient = FloatBuffer(count: 0)
            averager = GradientAverager(computer: computer, parameterCount: parameterCount)
        }
        readUpdates = [Int](repeating: 0, count: workers)
        // Every worker starts computing at time 0 on the initial parameters.
        lastArrival = [Double](repeating: -communicationTime, count: workers)
        accounted = [Double](repeating: 0, count: workers)
        clock = ClusterClock(workers: workers)
    }

    private func snapshot(_ worker: Int) -> UnsafeMutableBufferPointer<Float> {
        snapshots!.slice(offset: worker * parameterCount, count: parameterCount)
    }

    /// Accounts the compute of `worker`'s gradient arriving at `time` and returns its staleness.
    private func arrive(_ worker: Int, at time: Double) -> Int {
        let start = lastArrival[worker] + communicationTime
        let finish = time - communicationTime
        clock.addBusy(max(0, finish - max(start, accounted[worker])))
        accounted[worker] = finish
        lastArrival[worker] = time
        clock.advance(to: time)
        return updates - readUpdates[worker]
    }

    func next(step: Int, progress: Double, parameters: FloatBuffer) -> PendingUpdate? {
        if !started, snapshots != nil {
            // Every worker reads the initial parameters at time 0.
            for worker in readUpdates.indices { _ = snapshot(worker).update(fromContentsOf: parameters.storage) }
        }
        started = true
        while true {
            let (worker, time) = arrivals.next()
            let staleness = arrive(worker, at: time)
            switch rule {
            case let .async(maxStaleness):
                if let maxStaleness, staleness > maxStaleness {
                    clock.countDiscarded()
                    _ = snapshot(worker).update(fromContentsOf: parameters.storage)
                    readUpdates[worker] = updates
                    continue
                }
                submitting = worker
                clock.countApplied(staleness: staleness)
                let read = UnsafeBufferPointer(snapshot(worker))
                let outcome = computer.compute(on: read, into: gradient.storage)
                return PendingUpdate(gradient: gradient.storage, staleParameters: read, staleness: staleness,
                                     outcome: outcome, worker: worker)
            case let .rennala(batches):
                readUpdates[worker] = updates
                guard staleness == 0 else {
                    clock.countDiscarded()
                    continue
                }
                let averager = averager!
                averager.add(on: parameters.readable)
                clock.countApplied(staleness: 0)
                guard averager.count == batches else { continue }
                let outcome = averager.finish()
                return PendingUpdate(gradient: averager.sum.storage, staleParameters: nil, staleness: 0,
                                     outcome: outcome, worker: worker)
            }
        }
    }

    func didApply(parameters: FloatBuffer) {
        updates += 1
        if case .async = rule {
            _ = snapshot(submitting).update(fromContentsOf: parameters.storage)
            readUpdates[submitting] = updates
        }
    }

    func drain() -> [PendingUpdate] { [] }

    func endEpoch() -> ClockReading? {
        // Workers computing across the epoch's end: their time up to the end belongs to this epoch.
        let end = clock.time
        for worker in accounted.indices {
            let start = max(lastArrival[worker] + communicationTime, accounted[worker])
            if end > start {
                clock.addBusy(end - start)
                accounted[worker] = end
            }
        }
        return clock.endEpoch()
    }

    var bufferBytes: Int { (snapshots?.byteCount ?? 0) + gradient.byteCount + (averager?.bufferBytes ?? 0) }
}
