/// A horizontal (bottom) or vertical (left) axis: line, ticks, tick labels, optional grid and title.
public struct Axis: Sendable {
    /// Which side of the plot area the axis is on.
    public enum Side: Sendable { case bottom, left }

    /// The side.
    public var side: Side
    /// The data range the axis spans.
    public var domain: (lower: Double, upper: Double)
    /// The ticks; only those inside ``domain`` are drawn.
    public var ticks: NiceTicks
    /// Axis title, e.g. "frequency".
    public var title: String
    /// Whether to draw light grid lines across the plot area at each tick.
    public var grid: Bool

    /// Creates an axis spanning `domain` (by default the ticks' own range, from first to last tick).
    public init(side: Side, ticks: NiceTicks, domain: (lower: Double, upper: Double)? = nil, title: String,
                grid: Bool = true) {
        self.side = side
        self.ticks = ticks
        self.domain = domain ?? (ticks.lower, ticks.upper)
        self.title = title
        self.grid = grid
    }

    /// The scale mapping the axis' data range onto `plot`'s side (upwards for a left axis).
    public func scale(for plot: PlotRect) -> LinearScale {
        switch side {
        case .bottom: LinearScale(domain: domain, range: (plot.x, plot.maxX))
        case .left: LinearScale(domain: domain, range: (plot.maxY, plot.y))
        }
    }

    /// The axis' elements for `plot`.
    public func elements(for plot: PlotRect) -> [SVGElement] {
        let scale = scale(for: plot)
        let f = SVGNumber.format
        var elements: [SVGElement] = []
        let slack = 1e-9 * (domain.upper - domain.lower)
        let visible = ticks.values.filter { $0 >= domain.lower - slack && $0 <= domain.upper + slack }
        for value in visible {
            let position = scale(value)
            switch side {
            case .bottom:
                if grid {
                    elements.append(line(position, plot.y, position, plot.maxY, color: "#e6e6e6"))
                }
                elements.append(line(position, plot.maxY, position, plot.maxY + 5, color: "#333333"))
                elements.append(SVGElement("text", [("x", f(position)), ("y", f(plot.maxY + 19)),
                                                    ("font-size", "12"), ("text-anchor", "middle")],
                                           text: ticks.label(value)))
            case .left:
                if grid {
                    elements.append(line(plot.x, position, plot.maxX, position, color: "#e6e6e6"))
                }
                elements.append(line(plot.x - 5, position, plot.x, position, color: "#333333"))
                elements.append(SVGElement("text", [("x", f(plot.x - 8)), ("y", f(position + 4)),
                                                    ("font-size", "12"), ("text-anchor", "end")],
                                           text: ticks.label(value)))
            }
        }
        switch side {
        case .bottom:
            elements.append(line(plot.x, plot.maxY, plot.maxX, plot.maxY, color: "#333333"))
            elements.append(SVGElement("text", [("x", f(plot.x + plot.width / 2)), ("y", f(plot.maxY + 40)),
                                                ("font-size", "13"), ("text-anchor", "middle")], text: title))
        case .left:
            elements.append(line(plot.x, plot.y, plot.x, plot.maxY, color: "#333333"))
            let labelWidth = Double(visible.map { ticks.label($0).count }.max() ?? 1) * 7.2
            let x = plot.x - 16 - labelWidth, y = plot.y + plot.height / 2
            elements.append(SVGElement("text", [("x", f(x)), ("y", f(y)), ("font-size", "13"),
                                                ("text-anchor", "middle"),
                                                ("transform", "rotate(-90 \(f(x)) \(f(y)))")], text: title))
        }
        return elements
    }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String) -> SVGElement {
        let f = SVGNumber.format
        return SVGElement("line", [("x1", f(x1)), ("y1", f(y1)), ("x2", f(x2)), ("y2", f(y2)),
                                   ("stroke", color), ("stroke-width", "1")])
    }
}
