/// A boxed list of series names with their swatches, placed in a corner of the plot area.
public struct Legend: Sendable {
    /// Which corner of the plot area holds the legend.
    public enum Corner: Sendable { case topLeft, topRight }

    /// The series listed (those with an empty name are skipped).
    public var series: [any ChartSeries]
    /// Where the legend goes.
    public var corner: Corner

    /// Creates a legend.
    public init(series: [any ChartSeries], corner: Corner = .topRight) {
        self.series = series
        self.corner = corner
    }

    /// The legend's elements inside `plot`, or none when no series has a name.
    public func elements(in plot: PlotRect) -> [SVGElement] {
        let entries = series.filter { !$0.name.isEmpty }
        guard !entries.isEmpty else { return [] }
        let lineHeight = 18.0, padding = 8.0
        // Text width is estimated at 0.6 em per character: SVG has no text metrics without a renderer.
        let longest = entries.map { Double($0.name.count) }.max() ?? 0
        let width = padding * 2 + 22 + longest * 12 * 0.6
        let height = padding * 2 + lineHeight * Double(entries.count) - 4
        let left = corner == .topRight ? plot.maxX - width - 8 : plot.x + 8
        let top = plot.y + 8
        var elements = [SVGElement("rect", [
            ("x", SVGNumber.format(left)), ("y", SVGNumber.format(top)),
            ("width", SVGNumber.format(width)), ("height", SVGNumber.format(height)),
            ("fill", "white"), ("fill-opacity", "0.85"), ("stroke", "#999999"), ("stroke-width", "0.5"),
        ])]
        for (index, entry) in entries.enumerated() {
            let rowTop = top + padding + lineHeight * Double(index)
            elements.append(entry.legendSwatch(x: left + padding, y: rowTop + 1))
            elements.append(SVGElement("text", [
                ("x", SVGNumber.format(left + padding + 22)), ("y", SVGNumber.format(rowTop + 10)),
                ("font-size", "12"),
            ], text: entry.name))
        }
        return elements
    }
}
