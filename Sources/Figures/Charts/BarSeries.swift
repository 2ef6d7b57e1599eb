/// Vertical bars from y = 0 to each height, centred on their x values.
public struct BarSeries: ChartSeries {
    /// Legend name (empty: no legend entry).
    public var name: String
    /// SVG colour of the series.
    public var color: String
    /// Bar centres in data units.
    public var xs: [Double]
    /// Bar heights in data units (bars of height 0 are not drawn).
    public var heights: [Double]
    /// Bar width in data units.
    public var width: Double

    /// Creates bars. - Precondition: `xs.count == heights.count`.
    public init(name: String, xs: [Double], heights: [Double], width: Double = 1, color: String = Palette.color(0)) {
        precondition(xs.count == heights.count, "one height per bar")
        self.name = name
        self.xs = xs
        self.heights = heights
        self.width = width
        self.color = color
    }

    // ChartSeries conformance; see the protocol for each member's contract.
    public var xExtent: (lower: Double, upper: Double)? {
        guard let low = xs.min(), let high = xs.max() else { return nil }
        return (low - width / 2, high + width / 2)
    }

    public var yExtent: (lower: Double, upper: Double)? {
        guard let low = heights.min(), let high = heights.max() else { return nil }
        return (min(0, low), max(0, high))
    }

    public func legendSwatch(x: Double, y: Double) -> SVGElement {
        SVGElement("rect", [("x", SVGNumber.format(x)), ("y", SVGNumber.format(y)), ("width", "16"),
                            ("height", "10"), ("fill", color), ("fill-opacity", "0.6")])
    }

    public func elements(x: LinearScale, y: LinearScale) -> [SVGElement] {
        zip(xs, heights).compactMap { centre, height in
            guard height != 0 else { return nil }
            let left = x(centre - width / 2), right = x(centre + width / 2)
            let top = min(y(height), y(0)), bottom = max(y(height), y(0))
            return SVGElement("rect", [
                ("x", SVGNumber.format(left)), ("y", SVGNumber.format(top)),
                ("width", SVGNumber.format(max(right - left, 0.5))), ("height", SVGNumber.format(bottom - top)),
                ("fill", color), ("fill-opacity", "0.6"), ("stroke", color), ("stroke-width", "0.5"),
            ])
        }
    }
}
