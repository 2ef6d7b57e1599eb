import Figures
import Foundation
import StalenessSimulation

extension StalenessComparison {
    /// Every source's frequencies overlaid, beside the same on a log₁₀ frequency axis (the tails).
    public var figure: SVGDocument {
        let low = summaries.map(\.minimum).min() ?? 0, high = summaries.map(\.maximum).max() ?? 0
        let values = Array(low...high)
        let curves = sources.enumerated().map { index, source -> (name: String, frequencies: [Double]) in
            let total = Double(source.histogram.total), counts = source.histogram.counts
            return ("[\(index + 1)] \(URL(fileURLWithPath: source.path).lastPathComponent)",
                    values.map { $0 < counts.count ? Double(counts[$0]) / total : 0 })
        }
        func panel(logarithmic: Bool) -> XYChart {
            let transform: (Double) -> Double = logarithmic ? { $0 > 0 ? log10($0) : .nan } : { $0 }
            let series: [any ChartSeries] = curves.enumerated().map { index, curve in
                LineSeries(name: curve.name, points: zip(values, curve.frequencies).map { (Double($0), transform($1)) },
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
