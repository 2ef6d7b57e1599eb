import GSLRandom
import Foundation
import ResultFiles

/// The worker-time model and σ whose simulated staleness at N workers matches a log best.
///
/// The distance is the Wasserstein-1 distance (in updates) between the observed and the simulated
/// staleness distributions. Every evaluation simulates `gradients` arrivals with the same seed
/// (common random numbers), so the objective changes with σ rather than with the draws. For each
/// model σ is located on a logarithmic grid and refined with GSL's Brent minimiser; the
/// uncertainty of the best model's σ is the standard deviation of σ over `repeats` refits, each to a
/// bootstrap resample of the log and with a fresh seed. A best distance above
/// ``poorFitThreshold`` standard deviations of the log is reported as a poor fit: no worker-time
/// model explains the log.
public struct ClusterCalibration: Sendable, Equatable, Codable {
    /// The calibration file's format version.
    public static let formatVersion = 1
    /// The best distance, in standard deviations of the log, above which the fit is called poor.
    public static let poorFitThreshold = 0.1
    /// Grid points per model before Brent refines σ.
    static let gridPoints = 10

    /// One model's best σ and its distance to the log.
    public struct ModelFit: Sendable, Equatable, Codable {
        /// The model's CLI name (``WorkerTimeModel/names``).
        public var model: String
        /// The best σ (1 for `exponential`, which has no σ).
        public var sigma: Double
        /// Wasserstein-1 distance to the log, in updates.
        public var distance: Double
    }

    /// Always ``formatVersion``.
    public var formatVersion: Int
    /// The log's path.
    public var source: String
    /// Values in the log.
    public var observations: Int
    /// Mean of the log.
    public var mean: Double
    /// Standard deviation of the log.
    public var standardDeviation: Double
    /// Worker count simulated.
    public var workers: Int
    /// The slow workers and stragglers every simulation had (given, not fitted); nil for a
    /// homogeneous cluster (and in files written before it existed).
    public var heterogeneity: WorkerHeterogeneity?
    /// Whether ``workers`` was estimated from the mean (staleness ≈ N − 1 for homogeneous workers).
    public var workersEstimated: Bool
    /// Arrivals simulated per evaluation.
    public var gradients: Int
    /// Seed of every evaluation.
    public var seed: UInt64
    /// Every model, best (smallest distance) first.
    public var models: [ModelFit]
    /// Standard deviation of the best model's σ over the bootstrap refits; nil without repeats or
    /// for `exponential`.
    public var sigmaStandardError: Double?
    /// Bootstrap refits behind ``sigmaStandardError``.
    public var repeats: Int
    /// The best maximum-likelihood family of the log and its Wasserstein-1 distance, for comparison.
    public var bestFamily: String?
    /// See ``bestFamily``.
    public var familyDistance: Double?

    /// The best model.
    public var best: ModelFit { models[0] }
    /// The best distance in standard deviations of the log.
    public var relativeDistance: Double { best.distance / max(standardDeviation, 1e-12) }
    /// Whether even the best model is far from the log (see ``poorFitThreshold``).
    public var isPoorFit: Bool { relativeDistance > Self.poorFitThreshold }

    /// The best model as a ``WorkerTimeModel``. - Throws: ``SimulationInputError`` for a file whose
    /// model or σ is invalid.
    public func workerTimeModel() throws(SimulationInputError) -> WorkerTimeModel {
        try WorkerTimeModel(name: best.model, sigma: best.sigma)
    }

    /// The calibrated cluster as a simulation: the best model and σ at `workers` (default the
    /// calibrated N), recording `gradients` (default as calibrated) with `seed` (default as calibrated).
    /// - Throws: ``SimulationInputError`` for an invalid model, σ, worker or gradient count.
    public func simulation(workers: Int? = nil, gradients: Int? = nil,
                           seed: UInt64? = nil) throws(SimulationInputError) -> SimulationConfiguration {
        try SimulationConfiguration(workers: workers ?? self.workers, model: workerTimeModel(),
                                    heterogeneity: heterogeneity ?? .none,
                                    gradients: gradients ?? self.gradients, seed: seed ?? self.seed)
    }

    /// The calibrated cluster in words, e.g. `gamma σ = 0.4012 ± 0.0030 at N = 16`.
    public var clusterDescription: String {
        let sigma = best.model == "exponential" ? ""
            : String(format: " σ = %.4f", best.sigma) + (sigmaStandardError.map { String(format: " ± %.4f", $0) } ?? "")
        return "\(best.model)\(sigma) at N = \(workers)" + (heterogeneity.map { ", \($0.summary)" } ?? "")
    }

    /// Calibrates the simulator to `log`.
    /// - Parameters:
    ///   - workers: N, or nil to estimate it as round(mean) + 1.
    ///   - models: model names to try (default all of ``WorkerTimeModel/names``).
    ///   - heterogeneity: slow workers and stragglers of the logged cluster, simulated with every model.
    /// - Throws: ``SimulationInputError`` for an unknown model or an invalid worker count,
    ///   ``FitError`` for an empty log.
    public init(log: StalenessHistogram, source: String, workers: Int?, models: [String] = WorkerTimeModel.names,
                heterogeneity: WorkerHeterogeneity = .none, gradients: Int = 200_000, seed: UInt64 = 1,
                repeats: Int = 4) throws {
        let summary = try SummaryStatistics(histogram: log)
        let n = workers ?? max(1, Int(summary.mean.rounded()) + 1)
        for name in models { _ = try WorkerTimeModel(name: name, sigma: 0) }
        guard n >= 1 else { throw SimulationInputError.invalidWorkerCount(n) }
        formatVersion = Self.formatVersion
        self.source = source
        observations = summary.count
        mean = summary.mean
        standardDeviation = summary.standardDeviation
        self.workers = n
        self.heterogeneity = heterogeneity == .none ? nil : heterogeneity
        workersEstimated = workers == nil
        self.gradients = gradients
        self.seed = seed
        self.repeats = repeats

        let observed = log.weights
        var fits = try models.map { name throws -> ModelFit in
            let (sigma, distance) = try Self.fitSigma(model: name, target: observed, workers: n, heterogeneity: heterogeneity,
                                                  gradients: gradients, seed: seed)
            return ModelFit(model: name, sigma: sigma, distance: distance)
        }
        fits.sort { $0.distance < $1.distance }
        self.models = fits

        sigmaStandardError = nil
        if repeats >= 2, fits[0].model != "exponential" {
            let generator = RandomGenerator(seed: seed &+ 0x5eed)
            let bins = log.nonZeroBins
            var sigmas: [Double] = []
            for r in 1...repeats {
                // A multinomial resample of the log over its distinct values (GSL counts in 32 bits:
                // a log of more than 2^32 values is resampled at that size, a slightly wider SE).
                let drawn = generator.multinomial(trials: min(summary.count, Int(UInt32.max)), weights: bins.map { Double($0.count) })
                var resample = [Double](repeating: 0, count: observed.count)
                for (bin, count) in zip(bins, drawn) { resample[bin.value] = Double(count) }
                sigmas.append(try Self.fitSigma(model: fits[0].model, target: resample, workers: n, heterogeneity: heterogeneity, gradients: gradients,
                                                seed: seed &+ UInt64(r), around: fits[0].sigma).sigma)
            }
            let m = sigmas.reduce(0, +) / Double(sigmas.count)
            sigmaStandardError = (sigmas.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(sigmas.count - 1)).squareRoot()
        }
        let families = FamilyComparison(histogram: log, analysis: try StalenessAnalysis(histogram: log))
        if let fit = families.best {
            bestFamily = fit.label
            familyDistance = HistogramDistance.wasserstein1(observed, fit.probabilities(upTo: fit.upperTail(from: log.maximum ?? 0)))
        }
    }

    /// The distance of `model` with σ at N workers to `target`.
    static func distance(model: String, sigma: Double, target: [Double], workers: Int, heterogeneity: WorkerHeterogeneity,
                         gradients: Int, seed: UInt64) throws -> Double {
        let configuration = try SimulationConfiguration(workers: workers, model: WorkerTimeModel(name: model, sigma: sigma),
                                                        heterogeneity: heterogeneity, gradients: gradients, seed: seed)
        return HistogramDistance.wasserstein1(target, StalenessSimulator.run(configuration).weights)
    }

    /// The largest σ searched for `model`: its own limit, else 3 (beyond which staleness barely changes).
    static func sigmaLimit(_ model: String) -> Double {
        switch model {
        case "shifted-exponential": 1
        case "uniform": 0.577
        case "normal": 1.5
        default: 3
        }
    }

    /// The best σ of `model` for `target`: a grid (or, with `around`, a bracket of ±50% around a
    /// previous optimum) refined by Brent.
    static func fitSigma(model: String, target: [Double], workers: Int, heterogeneity: WorkerHeterogeneity,
                         gradients: Int, seed: UInt64,
                         around: Double? = nil) throws -> (sigma: Double, distance: Double) {
        if model == "exponential" {
            return (1, try distance(model: model, sigma: 1, target: target, workers: workers, heterogeneity: heterogeneity,
                                   gradients: gradients, seed: seed))
        }
        func f(_ sigma: Double) -> Double {
            (try? distance(model: model, sigma: sigma, target: target, workers: workers, heterogeneity: heterogeneity,
                           gradients: gradients, seed: seed)) ?? .infinity
        }
        let limit = sigmaLimit(model)
        let grid: [Double] = around.map { a in [0.5, 0.75, 1, 1.25, 1.5].map { min(a * $0, limit) } }
            ?? (0..<gridPoints).map { 0.01 * pow(limit / 0.01, Double($0) / Double(gridPoints - 1)) }
        let values = grid.map(f)
        let index = values.indices.min { values[$0] < values[$1] }!
        guard index > 0, index < grid.count - 1 else { return (grid[index], values[index]) }
        // Brent stops at a relative tolerance of 10⁻³: four significant digits are all σ has.
        let sigma = Self.fourSignificantDigits(
            BrentMinimizer.minimize(f, guess: grid[index], lower: grid[index - 1], upper: grid[index + 1]))
        let refined = f(sigma)
        return refined <= values[index] ? (sigma, refined) : (grid[index], values[index])
    }

    /// `x` rounded to four significant digits.
    static func fourSignificantDigits(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x }
        let scale = pow(10, 3 - floor(log10(x)))
        return (x * scale).rounded() / scale
    }

    /// The file as pretty-printed JSON with sorted keys.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Writes the calibration file atomically. - Throws: `OutputError` when `url` cannot be written.
    public func write(to url: URL) throws(OutputError) {
        try AtomicFile.write(jsonData(), to: url)
    }

    /// Reads a calibration file. - Throws: ``CalibrationFileError`` naming the file.
    public static func load(from url: URL) throws(CalibrationFileError) -> ClusterCalibration {
        let path = url.relativePath
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .cannotRead(path: path, reason: FileReadFailure.reason(url, error))
        }
        let calibration: ClusterCalibration
        do { calibration = try JSONDecoder().decode(ClusterCalibration.self, from: data) } catch {
            throw .malformed(path: path, detail: "not a calibration file of format version \(formatVersion)")
        }
        guard calibration.formatVersion == formatVersion, !calibration.models.isEmpty else {
            throw .malformed(path: path, detail: "not a calibration file of format version \(formatVersion)")
        }
        do { _ = try calibration.workerTimeModel() } catch {
            throw .malformed(path: path, detail: error.description)
        }
        return calibration
    }
}
