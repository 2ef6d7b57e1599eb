import Foundation
import GRDB

/// One row of the `staleness_scan` table: the simulated staleness of N workers and its normal fit,
/// the data of figure 1 and claim 1.
public struct StalenessScanRecord: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "staleness_scan"

    /// Workers N.
    public var workers: Int
    /// σ of the workers' compute times (mean 1).
    public var sigma: Double
    /// Gradients simulated.
    public var gradients: Int
    /// Mean staleness.
    public var mean: Double
    /// Standard deviation of the staleness.
    public var standardDeviation: Double
    /// Mean of the least-squares Gaussian fit of the histogram (nil when the fit failed).
    public var fitMean: Double?
    /// σ of that fit.
    public var fitSigma: Double?
    /// Kolmogorov–Smirnov distance between the histogram and the moment-fitted normal.
    public var kolmogorovSmirnov: Double
    /// The histogram as JSON: counts indexed by staleness.
    public var histogram: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case workers, sigma, gradients, mean, standardDeviation = "standard_deviation"
        case fitMean = "fit_mean", fitSigma = "fit_sigma", kolmogorovSmirnov = "ks_distance", histogram
    }

    /// Creates a row.
    public init(workers: Int, sigma: Double, gradients: Int, mean: Double, standardDeviation: Double,
                fitMean: Double?, fitSigma: Double?, kolmogorovSmirnov: Double, counts: [Int]) {
        self.workers = workers
        self.sigma = sigma
        self.gradients = gradients
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.fitMean = fitMean
        self.fitSigma = fitSigma
        self.kolmogorovSmirnov = kolmogorovSmirnov
        histogram = "[" + counts.map(String.init).joined(separator: ",") + "]"
    }

    /// The histogram's counts, indexed by staleness.
    public var counts: [Int] {
        (try? JSONDecoder().decode([Int].self, from: Data(histogram.utf8))) ?? []
    }
}
