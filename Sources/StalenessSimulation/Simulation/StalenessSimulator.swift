import Foundation
import GSLRandom

/// Discrete-event simulation of N workers feeding one parameter server.
///
/// Worker i reads the parameters, computes for a time drawn from the model (times its speed factor,
/// times the straggler factor when it straggles), submits, and reads again at once. The server applies
/// gradients in arrival order; ties in arrival time go to the lower worker id. The staleness of a
/// gradient is the number of updates the server applied between its worker's read and its arrival:
/// the server's update count at arrival minus the count the worker read.
///
/// Streaming: memory is O(N + largest staleness) — the workers' clocks and read counters, one window
/// of about max(4096, 4N) arrivals and the integer histogram — however many gradients are simulated.
public enum StalenessSimulator {
    /// Arrivals generated per window of simulated time (in expectation, for mean-1 compute times):
    /// enough to amortise the window's passes, few enough to stay in the L1/L2 cache.
    static let arrivalsPerWindow = 4096.0
    /// Shortest window, in mean compute times, so each worker contributes several arrivals per window.
    static let minimumWindowLength = 4.0

    /// Runs `configuration` and returns the histogram of the recorded gradients' staleness.
    public static func run(_ configuration: SimulationConfiguration) -> StalenessHistogram {
        var observer = NoArrivalObserver()
        return run(configuration, observer: &observer)
    }

    /// Runs `configuration`, handing every recorded gradient to `observer` as well.
    /// - Throws: what the observer throws (e.g. a trace file that cannot be written).
    public static func run<Observer: ArrivalObserver>(
        _ configuration: SimulationConfiguration, observer: inout Observer
    ) throws(Observer.Failure) -> StalenessHistogram {
        try run(configuration, observer: &observer, progress: nil)
    }

    /// Runs `configuration`, handing every recorded gradient to `observer` as well, and
    /// `progress(arrivals so far, total arrivals)` once per window of arrivals (about max(4096, 4N)).
    /// - Throws: what the observer throws (e.g. a trace file that cannot be written).
    public static func run<Observer: ArrivalObserver>(
        _ configuration: SimulationConfiguration, observer: inout Observer,
        progress: ((_ arrivals: Int, _ total: Int) -> Void)?
    ) throws(Observer.Failure) -> StalenessHistogram {
        let workers = configuration.workers
        let generator = RandomGenerator(seed: configuration.seed)
        let sampler = WorkerTimeSampler(configuration.model)
        let heterogeneity = configuration.heterogeneity
        let stragglerProbability = heterogeneity.stragglerProbability
        let stragglerFactor = heterogeneity.stragglerFactor
        let overhead = configuration.cycleOverhead
        let speeds = UnsafeMutablePointer<Double>.allocate(capacity: workers)
        speeds.initialize(from: heterogeneity.speedFactors(workers: workers), count: workers)
        let readCounts = UnsafeMutablePointer<Int>.allocate(capacity: workers)
        readCounts.initialize(repeating: 0, count: workers)
        defer {
            speeds.deallocate()
            readCounts.deallocate()
        }

        @inline(__always)
        func computeTime(of worker: Int) -> Double {
            var time = sampler.draw(generator) * speeds[worker]
            if stragglerProbability > 0, generator.uniform() < stragglerProbability { time *= stragglerFactor }
            return time + overhead
        }

        // A worker's arrival times are the running sums of its own compute times, whatever the server
        // does, so arrivals are generated a window of simulated time at a time — each worker in id
        // order adds its arrivals before the window's end — then sorted and applied in order.
        let clocks = UnsafeMutablePointer<Double>.allocate(capacity: workers)
        for worker in 0..<workers { (clocks + worker).initialize(to: computeTime(of: worker)) }
        defer { clocks.deallocate() }
        let windowLength = max(Self.arrivalsPerWindow / Double(workers), Self.minimumWindowLength)
            * timeScale(configuration, speeds: UnsafeBufferPointer(start: speeds, count: workers))
        var window = ArrivalWindow(capacity: Int(windowLength * Double(workers) * 1.25))
        defer { window.deallocate() }
        var windowEnd = 0.0

        var histogram = HistogramAccumulator(initialCapacity: 2 * workers)
        let warmup = configuration.warmupArrivals
        let total = configuration.totalArrivals
        var updates = 0
        while updates < total {
            progress?(updates, total)
            windowEnd += windowLength
            window.removeAll()
            for worker in 0..<workers {
                var clock = clocks[worker]
                while clock < windowEnd {
                    window.append(time: clock, worker: worker)
                    clock += computeTime(of: worker)
                }
                clocks[worker] = clock
            }
            for key in window.sortedArrivals() {
                let worker = ArrivalWindow.worker(of: key)
                if updates >= warmup {
                    let staleness = updates &- readCounts[worker]
                    histogram.add(staleness)
                    try observer.record(arrival: updates, worker: worker, staleness: staleness,
                                        time: ArrivalWindow.time(of: key))
                }
                updates &+= 1
                readCounts[worker] = updates
                if updates == total { break }
            }
        }
        progress?(updates, total)
        withExtendedLifetime(generator) {}
        return histogram.finish()
    }

    /// The unit of the window length: 1 for ordinary runs (so their results never change), else the
    /// power of two nearest the fastest worker's mean compute time when that is outside [1/8, 8]
    /// (all workers slowed or sped up, stragglers that shorten times, a long overhead), so that a
    /// window holds a few arrivals per fast worker whatever the scale of the times.
    static func timeScale(_ configuration: SimulationConfiguration, speeds: UnsafeBufferPointer<Double>) -> Double {
        let heterogeneity = configuration.heterogeneity
        let straggling = 1 - heterogeneity.stragglerProbability
            + heterogeneity.stragglerProbability * heterogeneity.stragglerFactor
        let fastest = (speeds.min() ?? 1) * straggling + configuration.cycleOverhead
        guard fastest.isFinite, fastest > 0, fastest < 1.0 / 8 || fastest > 8 else { return 1 }
        return Foundation.exp2(Foundation.log2(fastest).rounded())
    }
}
