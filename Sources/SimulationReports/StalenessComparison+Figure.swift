import Figures
import Foundation
import StalenessSimulation

extension StalenessComparison {
    /// Every source's frequencies overlaid, beside the same on a log₁₀ frequency axis (the tails).
    /// Over more than ``StalenessReport/maximumBars`` values, each point is a bin's mean frequency
    /// per value (the same bins for every source), so the SVG stays small whatever the span.
    public var figure: SVGDocument {
        let low = summaries.map(\.minimum).min() ?? 0, high = summaries.map(\.maximum).max() ?? 0
        let width = StalenessHistogram.binWidth(span: high - low + 1, maximumBins: StalenessReport.maximumBars)
        let starts = Array(stride(from: low, through: high, by: width))
        let values = starts.map { Double($0) + Double(min($0 + width - 1, high) - $0) / 2 }
        let curves = sources.enumerated().map { index, source -> (name: String, frequencies: [Double]) in
            let total = Double(source.histogram.total)
            return ("[\(index + 1)] \(URL(fileURLWithPath: source.path).lastPathComponent)"
                        + (width == 1 ? "" : " (bins of \(width) values)"),
                    starts.map { start in
                        let end = min(start + width - 1, high)
                        return Double(source.histogram.count(from: start, through: end)) / total / Double(end - start + 1)
                    })
        }
        func panel(logarithmic: Bool) -> XYChart {
            let transform: (Double) -> Double = logarithmic ? { $0 > 0 ? log10($0) : .nan } : { $0 }
            let series: [any ChartSeries] = curves.enumerated().map { index, curve in
                LineSeries(name: curve.name, points: zip(values, curve.frequencies).map { ($0, transform($1)) },
                           color: Palette.color(index), dash: index == 0 ? nil : ["6 4", "2 3", "8 3 2 3"][(index - 1) % 3])
            }
            return XYChart(title: logarithmic ? "log₁₀ frequency (tails)" : "frequency",
                           xTitle: "updates before submission", yTitle: logarithmic ? "log₁₀ frequency" : "frequency",
                           series: series, xRange: (Double(low) - 1, Double(high) + 1), legendCorner: .best)
        }
        return PanelGrid(title: "Staleness compared: \(sources.count) sources",
                         panels: [panel(logarithmic: false), panel(logarithmic: true)], columns: 2,
                         panelSize: (700, 440)).document
    }
}
