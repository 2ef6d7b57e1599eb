/// One chart panel: title, bottom and left axes with nice ticks, series and a legend.
///
/// ``elements(in:)`` draws the panel into any rectangle, so a multi-panel figure places several
/// charts in one ``SVGDocument``; ``document(width:height:)`` makes a single-chart image.
public struct XYChart: Sendable {
    /// Title above the plot area.
    public var title: String
    /// Smaller second line under the title, or empty.
    public var subtitle: String
    /// Title of the horizontal axis.
    public var xTitle: String
    /// Title of the vertical axis.
    public var yTitle: String
    /// Series, drawn in order.
    public var series: [any ChartSeries]
    /// Fixed horizontal data range (the axis spans exactly this), or nil to cover every series,
    /// extended to the nearest ticks.
    public var xRange: (lower: Double, upper: Double)?
    /// Fixed vertical data range, or nil to cover every series and 0, extended to the nearest ticks.
    public var yRange: (lower: Double, upper: Double)?
    /// Where the legend goes.
    public var legendCorner: Legend.Corner

    /// Creates a chart.
    public init(title: String, subtitle: String = "", xTitle: String, yTitle: String, series: [any ChartSeries],
                xRange: (lower: Double, upper: Double)? = nil, yRange: (lower: Double, upper: Double)? = nil,
                legendCorner: Legend.Corner = .topRight) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
        self.legendCorner = legendCorner
    }

    /// Margins around the plot area inside the chart's frame: room for title, tick labels, axis titles.
    public static let margins = (top: 40.0, right: 20.0, bottom: 55.0, left: 75.0)

    /// Extra top margin when there is a subtitle.
    public static let subtitleHeight = 18.0

    /// The chart drawn inside `frame`.
    public func elements(in frame: PlotRect) -> [SVGElement] {
        let m = Self.margins
        let top = m.top + (subtitle.isEmpty ? 0 : Self.subtitleHeight)
        let plot = PlotRect(x: frame.x + m.left, y: frame.y + top,
                            width: max(frame.width - m.left - m.right, 10),
                            height: max(frame.height - top - m.bottom, 10))
        let xs = xRange ?? Self.union(series.compactMap(\.xExtent)) ?? (0, 1)
        let ys = yRange ?? Self.union(series.compactMap(\.yExtent) + [(0, 0)]) ?? (0, 1)
        let xAxis = Axis(side: .bottom, ticks: NiceTicks(lower: xs.lower, upper: xs.upper, targetCount: 8),
                         domain: xRange, title: xTitle)
        let yAxis = Axis(side: .left, ticks: NiceTicks(lower: ys.lower, upper: ys.upper, targetCount: 6),
                         domain: yRange, title: yTitle)
        let xScale = xAxis.scale(for: plot), yScale = yAxis.scale(for: plot)
        var elements = yAxis.elements(for: plot) + xAxis.elements(for: plot)
        for entry in series { elements += entry.elements(x: xScale, y: yScale) }
        let pixels = legendCorner == .best ? series.flatMap { $0.coveredPixels(x: xScale, y: yScale) } : []
        elements += Legend(series: series, corner: legendCorner).elements(in: plot, avoiding: pixels)
        elements.append(SVGElement("text", [
            ("x", SVGNumber.format(frame.x + frame.width / 2)), ("y", SVGNumber.format(frame.y + 24)),
            ("font-size", "15"), ("font-weight", "bold"), ("text-anchor", "middle"),
        ], text: title))
        if !subtitle.isEmpty {
            elements.append(SVGElement("text", [
                ("x", SVGNumber.format(frame.x + frame.width / 2)), ("y", SVGNumber.format(frame.y + 42)),
                ("font-size", "12"), ("fill", "#444444"), ("text-anchor", "middle"),
            ], text: subtitle))
        }
        return elements
    }

    /// A standalone image of this chart.
    public func document(width: Double = 720, height: Double = 450) -> SVGDocument {
        var document = SVGDocument(width: width, height: height)
        document.add(elements(in: PlotRect(x: 0, y: 0, width: width, height: height)))
        return document
    }

    private static func union(_ extents: [(lower: Double, upper: Double)]) -> (lower: Double, upper: Double)? {
        guard let first = extents.first else { return nil }
        return extents.dropFirst().reduce(first) { (min($0.lower, $1.lower), max($0.upper, $1.upper)) }
    }
}
