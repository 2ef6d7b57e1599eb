import Foundation
import StalenessSimulation

extension StalenessLog {
    /// One row per column and one for the pooled values, e.g. to compare workers: count, mean, sd,
    /// skewness, extremes, median, and the KS distance of the discretised moment normal.
    /// - Throws: ``FitError/emptyHistogram`` when the pooled histogram is empty (never for a log read).
    public func columnTable() throws(FitError) -> String {
        let width = max(6, columns.map(\.name.count).max() ?? 0)
        func pad(_ text: String) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        var lines = [pad("column") + "          n       mean         sd   skewness    min  median      max   KS(normal)"]
        let rows = columns.map { ($0.name, $0.histogram) } + [("pooled", pooled)]
        for (name, histogram) in rows {
            guard histogram.total > 0 else {
                lines.append(pad(name) + "          0   (no values)")
                continue
            }
            let summary = try SummaryStatistics(histogram: histogram)
            let median = summary.quantiles[SummaryStatistics.quantileLevels.firstIndex(of: 0.5)!]
            let ks = GoodnessOfFit(histogram: histogram, normal: NormalMomentFit(summary).discretised)
                .kolmogorovSmirnovDistance
            lines.append(pad(name) + String(format: " %10d %10.4f %10.4f %10.4f %6d %7d %8d   %10.5f",
                                            summary.count, summary.mean, summary.standardDeviation, summary.skewness,
                                            summary.minimum, median, summary.maximum, ks))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
