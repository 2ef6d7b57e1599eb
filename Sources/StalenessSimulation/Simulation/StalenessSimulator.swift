import CGSL

/// Discrete-event simulation of N workers feeding one parameter server.
///
/// Worker i reads the parameters, computes for a time drawn from the model (times its speed factor,
/// times the straggler factor when it straggles), submits, and reads again at once. The server applies
/// gradients in arrival order; ties in arrival time go to the lower worker id. The staleness of a
/// gradient is the number of updates the server applied between its worker's read and its arrival:
/// the server's update count at arrival minus the count the worker read.
///
/// Streaming: memory is O(N + largest staleness) — a heap of N next arrivals, N read counters and
/// the integer histogram — however many gradients are simulated.
public enum StalenessSimulator {
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
        let workers = configuration.workers
        let generator = RandomGenerator(seed: configuration.seed)
        let rng = generator.pointer
        let sampler = WorkerTimeSampler(configuration.model)
        let heterogeneity = configuration.heterogeneity
        let stragglerProbability = heterogeneity.stragglerProbability
        let stragglerFactor = heterogeneity.stragglerFactor
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
            var time = sampler.draw(rng) * speeds[worker]
            if stragglerProbability > 0, gsl_rng_uniform(rng) < stragglerProbability { time *= stragglerFactor }
            return time
        }

        let queue = ArrivalQueue(times: (0..<workers).map { computeTime(of: $0) })
        defer { queue.deallocate() }
        var updates = 0

        for _ in 0..<configuration.warmupArrivals {
            let worker = queue.minimumWorker
            updates &+= 1
            readCounts[worker] = updates
            queue.replaceMinimum(time: queue.minimumTime + computeTime(of: worker), worker: worker)
        }

        var histogram = HistogramAccumulator(initialCapacity: 2 * workers)
        for _ in 0..<configuration.gradients {
            let worker = queue.minimumWorker
            let staleness = updates &- readCounts[worker]
            histogram.add(staleness)
            try observer.record(arrival: updates, worker: worker, staleness: staleness)
            updates &+= 1
            readCounts[worker] = updates
            queue.replaceMinimum(time: queue.minimumTime + computeTime(of: worker), worker: worker)
        }
        withExtendedLifetime(generator) {}
        return histogram.finish()
    }
}
