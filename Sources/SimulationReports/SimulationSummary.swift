import Foundation
import StalenessSimulation

/// The machine-readable summary of one report, printed by `--json`: origin, statistics, fits, timing
/// and the files written.
public struct SimulationSummary: Sendable, Equatable, Codable {
    /// `"simulation"` or the input file's path.
    public var source: String
    /// The simulation's parameters, when simulated.
    public var simulation: SimulationParameters?
    /// Number of workers N, when simulated (also in ``simulation``, repeated here for scripts).
    public var workers: Int?
    /// The σ given, when simulated.
    public var sigma: Double?
    /// The worker-time model, when simulated.
    public var model: String?
    /// Number of staleness values.
    public var count: Int
    /// Mean staleness (also in ``summary``).
    public var mean: Double
    /// Standard deviation of the staleness, denominator n (also in ``summary``).
    public var standardDeviation: Double
    /// Mean, sd, skewness, kurtosis, extremes, quantiles (at ``SummaryStatistics/quantileLevels``).
    public var summary: SummaryStatistics
    /// The moment / maximum-likelihood normal.
    public var normal: NormalMomentFit
    /// The least-squares Gaussian, absent when it could not be fitted.
    public var leastSquares: GaussianLeastSquaresFit?
    /// χ² and Kolmogorov–Smirnov against the discretised moment normal.
    public var goodnessOfFit: GoodnessOfFit
    /// Wall-clock seconds of the simulation itself (not analysis or file writing), when simulated.
    public var simulationSeconds: Double?
    /// CPU seconds of the simulating thread over the same span, when simulated.
    public var simulationCPUSeconds: Double?
    /// Simulated gradients per wall-clock second, warm-up arrivals included, when simulated.
    public var gradientsPerSecond: Double?
    /// Paths of the files written.
    public var files: [String]

    /// The summary of `report`, with `run` for timing when it was simulated.
    public init(report: StalenessReport, run: SimulationRun?, files: [String]) {
        source = report.source
        simulation = report.simulation
        workers = report.simulation?.workers
        sigma = report.simulation?.sigma
        model = report.simulation?.model
        count = report.analysis.summary.count
        mean = report.analysis.summary.mean
        standardDeviation = report.analysis.summary.standardDeviation
        summary = report.analysis.summary
        normal = report.analysis.normal
        leastSquares = report.analysis.leastSquares
        goodnessOfFit = report.analysis.goodnessOfFit
        simulationSeconds = run?.seconds
        simulationCPUSeconds = run?.cpuSeconds
        gradientsPerSecond = run?.arrivalsPerSecond
        self.files = files
    }
}

extension SimulationSummary {
    /// `value` as one line of JSON with sorted keys (non-finite numbers as the strings "nan"/"inf").
    public static func jsonLine<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Plain structs of numbers and strings with non-finite numbers mapped to strings always encode.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
