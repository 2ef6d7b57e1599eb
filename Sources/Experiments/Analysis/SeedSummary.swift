import Foundation
import StalenessSimulation

/// One quantity measured over several seeds: mean, a 95% Student-t confidence interval for the mean
/// (mean ± t₀.₉₇₅,ₙ₋₁ · s/√n; none for a single seed) and the per-seed range.
public struct SeedSummary: Sendable, Hashable {
    /// The per-seed values, in seed order.
    public let values: [Double]

    /// Summarises `values` (at least one).
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "a seed summary needs at least one value")
        self.values = values
    }

    /// Number of seeds.
    public var count: Int { values.count }
    /// Mean over seeds.
    public var mean: Double { values.reduce(0, +) / Double(values.count) }
    /// Sample standard deviation over seeds (0 for one seed).
    public var standardDeviation: Double {
        guard count > 1 else { return 0 }
        let m = mean
        return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(count - 1)).squareRoot()
    }
    /// Half-width of the 95% t interval for the mean; nil for one seed.
    public var halfWidth95: Double? {
        guard count > 1 else { return nil }
        return StudentT.quantile(0.975, degreesOfFreedom: count - 1) * standardDeviation / Double(count).squareRoot()
    }
    /// Smallest per-seed value.
    public var minimum: Double { values.min()! }
    /// Largest per-seed value.
    public var maximum: Double { values.max()! }

    /// "98.20%" for one seed, "98.20% ± 0.31 (3 seeds: 97.90–98.50)" for several (values in percent).
    public var percentText: String {
        guard let h = halfWidth95 else { return ReportFormat.percent(mean) }
        return String(format: "%.2f%% ± %.2f (%d seeds: %.2f–%.2f)", mean, h, count, minimum, maximum)
    }

    /// A signed difference in points: "+1.20" for one seed, "+1.20 ± 0.80 (3 seeds: +0.85…+1.62)" for several.
    public var pointsText: String {
        guard let h = halfWidth95 else { return String(format: "%+.2f", mean) }
        return String(format: "%+.2f ± %.2f (%d seeds: %+.2f…%+.2f)", mean, h, count, minimum, maximum)
    }
}
