/// A boxed list of series names with their swatches, placed in a corner of the plot area.
public struct Legend: Sendable {
    /// Which corner of the plot area holds the legend.
    public enum Corner: Sendable {
        case topRight, topLeft, bottomRight, bottomLeft
        /// The corner whose box covers the fewest of the data's pixels (ties in the order above).
        case best

        /// The four real corners, in tie-breaking order.
        static let placements: [Corner] = [.topRight, .topLeft, .bottomRight, .bottomLeft]
    }

    /// The series listed (those with an empty name are skipped).
    public var series: [any ChartSeries]
    /// Where the legend goes.
    public var corner: Corner

    /// Creates a legend.
    public init(series: [any ChartSeries], corner: Corner = .topRight) {
        self.series = series
        self.corner = corner
    }

    private static let lineHeight = 18.0, padding = 8.0, inset = 8.0

    /// The legend's box in `corner` of `plot` (`.best` counts as top right here).
    func box(in plot: PlotRect, corner: Corner) -> PlotRect {
        let entries = series.filter { !$0.name.isEmpty }
        // Text width is estimated at 0.6 em per character: SVG has no text metrics without a renderer.
        let longest = entries.map { Double($0.name.count) }.max() ?? 0
        let width = Self.padding * 2 + 22 + longest * 12 * 0.6
        let height = Self.padding * 2 + Self.lineHeight * Double(entries.count) - 4
        let left = [.topLeft, .bottomLeft].contains(corner) ? plot.x + Self.inset : plot.maxX - width - Self.inset
        let top = [.bottomLeft, .bottomRight].contains(corner) ? plot.maxY - height - Self.inset : plot.y + Self.inset
        return PlotRect(x: left, y: top, width: width, height: height)
    }

    /// `corner`, or for `.best` the corner whose box holds the fewest of `pixels`.
    func placement(in plot: PlotRect, avoiding pixels: [(x: Double, y: Double)]) -> Corner {
        guard corner == .best else { return corner }
        func covered(_ candidate: Corner) -> Int {
            let box = box(in: plot, corner: candidate)
            return pixels.count { $0.x >= box.x && $0.x <= box.maxX && $0.y >= box.y && $0.y <= box.maxY }
        }
        return Corner.placements.min { covered($0) < covered($1) } ?? .topRight
    }

    /// The legend's elements inside `plot`, or none when no series has a name; with `.best` it
    /// goes where it hides the fewest of `pixels` (the series' drawn pixels).
    public func elements(in plot: PlotRect, avoiding pixels: [(x: Double, y: Double)] = []) -> [SVGElement] {
        let entries = series.filter { !$0.name.isEmpty }
        guard !entries.isEmpty else { return [] }
        let lineHeight = Self.lineHeight, padding = Self.padding
        let frame = box(in: plot, corner: placement(in: plot, avoiding: pixels))
        let left = frame.x, top = frame.y, width = frame.width, height = frame.height
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
