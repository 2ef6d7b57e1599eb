import Foundation
import Training

/// Runs a list of configurations, `jobs` at a time, and stores each run as it finishes.
///
/// Runs already in the store are skipped, so a restarted sweep runs only what is missing. Each run
/// is claimed through a lease before it starts (see ``RunLease``), so several sweeps on one store
/// (on one machine or on hosts sharing it) each take the next unclaimed run and every run is
/// computed and stored once. Each run owns its trainer and runs on its own thread; the data are
/// loaded once and shared. A run that throws is stored as failed and the sweep goes on; a diverged
/// run is stored as diverged.
public struct SweepRunner: Sendable {
    /// What a sweep did.
    public struct Outcome: Sendable, Equatable {
        /// Configurations in the sweep (after `--shard`).
        public var planned: Int
        /// Already in the store when the sweep started.
        public var skipped: Int
        /// Missing when the sweep started but run by another sweep on the same store.
        public var elsewhere: Int
        /// Run now, by status.
        public var done: Int, diverged: Int, failed: Int
        /// Epochs trained now.
        public var epochs: Int
        /// Wall-clock seconds of the sweep.
        public var seconds: Double

        /// Runs finished per hour over the whole machine.
        public var runsPerHour: Double { Double(done + diverged + failed) / max(seconds, 1e-9) * 3600 }
        /// Epochs trained per second over the whole machine.
        public var epochsPerSecond: Double { Double(epochs) / max(seconds, 1e-9) }
    }

    /// Runs in flight at once, ≥ 1.
    public var jobs: Int

    /// A runner keeping `jobs` runs in flight.
    public init(jobs: Int) {
        self.jobs = max(1, jobs)
    }

    /// Runs the configurations missing from `store`, claiming each before it starts and releasing
    /// this process's leases at the end (also when it throws), with a heartbeat meanwhile.
    /// - Parameters:
    ///   - data: the datasets of every configuration (see ``DataCache``).
    ///   - makeProgress: builds the progress display for the runs to do and their epochs.
    /// - Throws: `StoreError` when the store cannot be read or written (the sweep stops: results
    ///   that cannot be saved are not worth computing).
    public func run(_ configurations: [TrainingConfiguration], data: DataCache, store: ResultsStore,
                    makeProgress: (_ runs: Int, _ epochs: Int) -> SweepProgress) async throws -> Outcome {
        let stored = try store.storedHashes()
        let todo = configurations.filter { !stored.contains(ConfigurationHash.of($0)) }
        let byHash = Dictionary(todo.map { (ConfigurationHash.of($0), $0) }) { first, _ in first }
        let order = todo.map(ConfigurationHash.of)
        let progress = makeProgress(todo.count, todo.reduce(0) { $0 + $1.epochs })
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(ResultsStore.leaseHeartbeat))
                try? store.heartbeat()
            }
        }
        defer {
            heartbeat.cancel()
            try? store.releaseLeases()
        }
        let counts = try await withThrowingTaskGroup(of: RunRecord.Status?.self,
                                                     returning: [RunRecord.Status].self) { group in
            func launchNext() throws -> Bool {
                guard let hash = try store.claimNext(of: order), let configuration = byHash[hash] else { return false }
                group.addTask {
                    try await Self.onOwnThread {
                        try Self.runOne(configuration, data: data, store: store, progress: progress)
                    }
                }
                return true
            }
            for _ in 0..<jobs { guard try launchNext() else { break } }
            var statuses: [RunRecord.Status] = []
            while let status = try await group.next() {
                if let status { statuses.append(status) }
                _ = try launchNext()
            }
            return statuses
        }
        progress.finish()
        let totals = progress.totals
        return Outcome(planned: configurations.count, skipped: configurations.count - todo.count,
                       elsewhere: byHash.count - counts.count,
                       done: counts.count { $0 == .done }, diverged: counts.count { $0 == .diverged },
                       failed: counts.count { $0 == .failed }, epochs: totals.epochs, seconds: totals.seconds)
    }

    /// Trains one configuration and stores it; returns its status, or nil when another sweep
    /// stored it meanwhile (this one's lease had expired) and the stored run was kept.
    static func runOne(_ configuration: TrainingConfiguration, data: DataCache, store: ResultsStore,
                       progress: SweepProgress) throws(StoreError) -> RunRecord.Status? {
        progress.started()
        let start = Date()
        let record: RunRecord
        var epochs: [EpochRecord] = []
        do {
            guard let (train, test) = data.data(for: configuration) else {
                throw TrainingError.invalidConfiguration("no data loaded for \(configuration.runName)")
            }
            let trainer = try Trainer(configuration: configuration, train: train, test: test)
            let hash = ConfigurationHash.of(configuration)
            let result = trainer.run(onEpoch: { metrics in
                epochs.append(EpochRecord(runHash: hash, metrics: metrics))
                if metrics.epoch > 0 { progress.finishedEpoch() }
            })
            record = RunRecord(result: result)
        } catch {
            record = RunRecord(configuration: configuration, failure: "\(error)",
                               seconds: Date().timeIntervalSince(start))
            epochs = []
        }
        let stored = try store.record(record, epochs: epochs)
        let trained = max(epochs.count - 1, 0)
        progress.finished(status: record.status, unusedEpochs: configuration.epochs - trained, name: record.runName)
        return stored ? record.status : nil
    }

    /// Runs blocking work on a thread of its own so the cooperative pool stays free.
    private static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            // Training one LeNet-5 needs more than the 512 kB default of secondary threads.
            thread.stackSize = 16 << 20
            thread.start()
        }
    }
}
