import Foundation
import ResultFiles
import StalenessSimulation

extension StalenessReport {
    /// The histogram CSV with columns `staleness`, `count`, `frequency` (count / total),
    /// `normal_probability` (the discretised moment normal's P(k)) and `least_squares_frequency`
    /// (the least-squares Gaussian at k / total, empty when there is no such fit): one row per
    /// integer from the smallest to the largest observed value.
    ///
    /// Over a span wider than ``StalenessHistogram/maximumExactSpan`` the rows are bins of equal
    /// width instead, with columns `staleness_low`, `staleness_high` (the bin's values, inclusive),
    /// `count`, `frequency`, `normal_probability` (the bin's probability) and
    /// `least_squares_frequency` (the curve at the bin's centre × width / total); with
    /// ``exactHistogram`` there is one row per observed value (zero counts omitted) in the first layout.
    public var histogramTable: CSVTable {
        let total = Double(analysis.summary.count)
        let normal = analysis.fittedNormal
        func leastSquares(_ low: Int, _ high: Int) -> String {
            analysis.leastSquares.map {
                Self.number($0.value(at: (Double(low) + Double(high)) / 2) * Double(high - low + 1) / total)
            } ?? ""
        }
        let exactColumns = ["staleness", "count", "frequency", "normal_probability", "least_squares_frequency"]
        func exactRow(_ k: Int, _ count: Int) -> [String] {
            [String(k), String(count), Self.number(Double(count) / total), Self.number(normal.probability(k)), leastSquares(k, k)]
        }
        if histogram.span <= StalenessHistogram.maximumExactSpan {
            var table = CSVTable(header: exactColumns)
            for k in analysis.summary.minimum...analysis.summary.maximum { table.append(exactRow(k, histogram.counts[k])) }
            return table
        }
        if exactHistogram {
            var table = CSVTable(header: exactColumns)
            for bin in histogram.nonZeroBins { table.append(exactRow(bin.value, bin.count)) }
            return table
        }
        var table = CSVTable(header: ["staleness_low", "staleness_high"] + exactColumns.dropFirst())
        for bin in histogram.bins(maximumBins: StalenessHistogram.maximumExactSpan).bins {
            table.append([String(bin.low), String(bin.high), String(bin.count), Self.number(Double(bin.count) / total),
                          Self.number(normal.mass(from: bin.low, through: bin.high)), leastSquares(bin.low, bin.high)])
        }
        return table
    }

    /// A number for CSV files: 10 significant digits, locale-independent.
    static func number(_ value: Double) -> String { String(format: "%.10g", value) }
}
