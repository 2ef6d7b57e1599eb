import Figures
import Foundation
import StalenessSimulation

extension StalenessReport {
    /// How many families (best BIC first) the families figure overlays.
    static let familiesShown = 3

    /// The histogram with the best maximum-likelihood families' probabilities overlaid and labelled,
    /// beside the same on a log₁₀ frequency axis, where the tails (and the families) differ.
    public var familiesFigure: SVGDocument {
        let total = Double(histogram.total)
        let low = histogram.minimum ?? 0, high = histogram.maximum ?? 0
        // Over more than maximumBars values, each point is a bin's mean frequency per value.
        let (width, bins) = histogram.bins(maximumBins: Self.maximumBars)
        let values = bins.map { (Double($0.low) + Double($0.high)) / 2 }
        func perValue(_ sum: Double, _ bin: (low: Int, high: Int, count: Int)) -> Double { sum / Double(bin.high - bin.low + 1) }
        let observed = bins.map { perValue(Double($0.count) / total, $0) }
        let fits = Array(families.fits.filter { $0.method == .maximumLikelihood }.prefix(Self.familiesShown))
        let curves = fits.enumerated().map { index, fit -> (name: String, probabilities: [Double], color: String, dash: String?) in
            let name = (index == 0 ? "best: " : "") + fit.label
                + String(format: " (ΔBIC %.1f, KS %.4f)", fit.bic - fits[0].bic, fit.kolmogorovSmirnovDistance)
            // Each bin's mass from the family's CDF: one evaluation per bar, whatever the span.
            let binned = bins.map { bin in perValue(fit.mass(from: bin.low, through: bin.high), bin) }
            return (name, binned, Palette.color(index + 1), index == 0 ? nil : "6 4")
        }
        func panel(logarithmic: Bool) -> XYChart {
            let transform: (Double) -> Double = logarithmic ? { $0 > 0 ? log10($0) : .nan } : { $0 }
            var series: [any ChartSeries] = []
            if logarithmic {
                series.append(LineSeries(name: "observed", points: zip(values, observed).map { ($0, transform($1)) },
                                         color: Palette.color(0), lineWidth: 1))
            } else {
                series.append(BarSeries(name: width == 1 ? "observed" : "observed (bars of \(width) values)",
                                        xs: values, heights: observed, width: 0.9 * Double(width), color: Palette.color(0)))
            }
            for curve in curves {
                series.append(LineSeries(name: curve.name, points: zip(values, curve.probabilities).map { ($0, transform($1)) },
                                         color: curve.color, dash: curve.dash))
            }
            return XYChart(title: logarithmic ? "log₁₀ frequency (tails)" : "frequency",
                           xTitle: "updates before submission", yTitle: logarithmic ? "log₁₀ frequency" : "frequency",
                           series: series, xRange: (Double(low) - 1, Double(high) + 1))
        }
        return PanelGrid(title: "Families by maximum likelihood: " + caption, panels: [panel(logarithmic: false), panel(logarithmic: true)],
                         columns: 2, panelSize: (620, 420)).document
    }
}
