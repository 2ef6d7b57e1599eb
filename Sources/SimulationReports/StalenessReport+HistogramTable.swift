import Foundation
import ResultFiles
import StalenessSimulation

extension StalenessReport {
    /// The histogram CSV: one row per integer from the smallest to the largest observed value, with
    /// columns `staleness`, `count`, `frequency` (count / total), `normal_probability` (the discretised
    /// moment normal's P(k)) and `least_squares_frequency` (the least-squares Gaussian at k / total,
    /// empty when there is no such fit).
    public var histogramTable: CSVTable {
        var table = CSVTable(header: ["staleness", "count", "frequency", "normal_probability",
                                      "least_squares_frequency"])
        let total = Double(analysis.summary.count)
        let normal = analysis.fittedNormal
        for k in analysis.summary.minimum...analysis.summary.maximum {
            let count = histogram.counts[k]
            table.append([
                String(k), String(count), Self.number(Double(count) / total), Self.number(normal.probability(k)),
                analysis.leastSquares.map { Self.number($0.value(at: Double(k)) / total) } ?? "",
            ])
        }
        return table
    }

    /// A number for CSV files: 10 significant digits, locale-independent.
    static func number(_ value: Double) -> String { String(format: "%.10g", value) }
}
