import Foundation
import ResultFiles

/// One finished simulation: its configuration, staleness histogram and how long the simulation took.
public struct SimulationRun: Sendable {
    /// What was simulated.
    public var configuration: SimulationConfiguration
    /// Staleness of the recorded gradients.
    public var histogram: StalenessHistogram
    /// Wall-clock seconds spent simulating (warm-up included, trace writing included when requested).
    public var seconds: Double
    /// CPU seconds of the simulating thread over the same span: unlike ``seconds`` it does not grow
    /// when other processes compete for the core.
    public var cpuSeconds: Double

    /// Simulated arrivals (warm-up included) per second of ``seconds``.
    public var arrivalsPerSecond: Double {
        Double(configuration.totalArrivals) / max(seconds, 1e-9)
    }

    /// Runs `configuration`, writing a trace of every recorded gradient to `trace` when given
    /// (format in ``StalenessTraceWriter``); `progress` as for ``StalenessSimulator/run(_:observer:progress:)``.
    /// - Throws: `OutputError` when the trace cannot be written; no partial trace is left behind.
    public static func perform(_ configuration: SimulationConfiguration, trace: URL? = nil,
                               progress: ((_ arrivals: Int, _ total: Int) -> Void)? = nil) throws(OutputError) -> SimulationRun {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = threadCPUSeconds()
        let histogram: StalenessHistogram
        if let trace {
            var writer = try StalenessTraceWriter(url: trace)
            histogram = try StalenessSimulator.run(configuration, observer: &writer, progress: progress)
            try writer.finish()
        } else {
            var observer = NoArrivalObserver()
            histogram = StalenessSimulator.run(configuration, observer: &observer, progress: progress)
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return SimulationRun(configuration: configuration, histogram: histogram, seconds: seconds,
                             cpuSeconds: threadCPUSeconds() - cpuStart)
    }

    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
