import Figures
import RealModule
import StalenessSimulation

extension StalenessReport {
    /// The histogram as bars of relative frequency with the fitted normal curves overlaid: the moment
    /// normal's density (solid) and the least-squares Gaussian divided by the count (dashed). Over
    /// more than ``maximumBars`` values, each bar covers several values (their mean frequency).
    public var figure: SVGDocument {
        let summary = analysis.summary
        let total = Double(summary.count)
        // Frequency per value: a bar of w values has the mean frequency of its values.
        let (width, bins) = histogram.bins(maximumBins: Self.maximumBars)
        let bars = BarSeries(name: width == 1 ? "observed" : "observed (bars of \(width) values)",
                             xs: bins.map { (Double($0.low) + Double($0.high)) / 2 },
                             heights: bins.map { Double($0.count) / total / Double($0.high - $0.low + 1) },
                             width: 0.9 * Double(width), color: Palette.color(0))
        let low = Double(summary.minimum) - 1, high = Double(summary.maximum) + 1
        let steps = 400
        let grid = (0...steps).map { low + (high - low) * Double($0) / Double(steps) }
        var series: [any ChartSeries] = [bars]
        let mean = analysis.normal.mean, sd = analysis.normal.standardDeviation
        if sd > 0 {
            let density = grid.map { x -> (x: Double, y: Double) in
                let z = (x - mean) / sd
                return (x, Double.exp(-0.5 * z * z) / (sd * (2 * Double.pi).squareRoot()))
            }
            series.append(LineSeries(name: "normal fit (moments): μ = \(Self.short(mean)), σ = \(Self.short(sd))",
                                     points: density, color: Palette.color(1)))
        }
        if let fit = analysis.leastSquares {
            let curve = grid.map { (x: $0, y: fit.value(at: $0) / total) }
            series.append(LineSeries(name: "least squares: μ = \(Self.short(fit.mean)), σ = \(Self.short(fit.sigma))",
                                     points: curve, color: Palette.color(2), dash: "6 4"))
        }
        let chart = XYChart(title: "Staleness: " + captionParts.title, subtitle: captionParts.subtitle,
                            xTitle: "updates before submission",
                            yTitle: "frequency", series: series, xRange: (low, high))
        return chart.document(width: 820, height: 500)
    }

    /// The most bars a figure draws; wider histograms are binned (stated in the legend), so the SVG
    /// stays small (tens of kilobytes) whatever the span.
    static let maximumBars = 500

    /// A number with 3 decimals for labels.
    static func short(_ value: Double) -> String { SVGNumber.fixed(value, decimals: 3) }
}
