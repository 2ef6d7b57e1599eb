/// A filled band between a lower and an upper curve (e.g. a confidence interval around a mean line),
/// drawn translucent in the colour of the line it belongs to. Points with a non-finite bound break the
/// band; it has no legend entry of its own unless named.
public struct BandSeries: ChartSeries {
    /// Legend name (empty: no legend entry, the usual case beside its line).
    public var name: String
    /// SVG colour of the fill.
    public var color: String
    /// (x, lower, upper) in data units, in x order.
    public var points: [(x: Double, lower: Double, upper: Double)]
    /// Fill opacity, 0…1.
    public var opacity: Double

    /// Creates a band.
    public init(name: String = "", points: [(x: Double, lower: Double, upper: Double)], color: String,
                opacity: Double = 0.18) {
        self.name = name
        self.points = points
        self.color = color
        self.opacity = opacity
    }

    private var finitePoints: [(x: Double, lower: Double, upper: Double)] {
        points.filter { $0.x.isFinite && $0.lower.isFinite && $0.upper.isFinite }
    }

    // ChartSeries conformance; see the protocol for each member's contract.
    public var xExtent: (lower: Double, upper: Double)? {
        let xs = finitePoints.map(\.x)
        guard let low = xs.min(), let high = xs.max() else { return nil }
        return (low, high)
    }

    public var yExtent: (lower: Double, upper: Double)? {
        let finite = finitePoints
        guard let low = finite.map(\.lower).min(), let high = finite.map(\.upper).max() else { return nil }
        return (low, high)
    }

    public func legendSwatch(x: Double, y: Double) -> SVGElement {
        SVGElement("rect", [("x", SVGNumber.format(x)), ("y", SVGNumber.format(y)), ("width", "16"), ("height", "10"),
                            ("fill", color), ("fill-opacity", SVGNumber.format(opacity))])
    }

    public func elements(x: LinearScale, y: LinearScale) -> [SVGElement] {
        var runs: [[(x: Double, lower: Double, upper: Double)]] = [[]]
        for point in points {
            if point.x.isFinite && point.lower.isFinite && point.upper.isFinite {
                runs[runs.count - 1].append(point)
            } else if !(runs.last?.isEmpty ?? true) {
                runs.append([])
            }
        }
        return runs.filter { $0.count > 1 }.map { run in
            let outline = run.map { (x($0.x), y($0.upper)) } + run.reversed().map { (x($0.x), y($0.lower)) }
            let list = outline.map { "\(SVGNumber.format($0.0)),\(SVGNumber.format($0.1))" }.joined(separator: " ")
            return SVGElement("polygon", [("points", list), ("fill", color), ("fill-opacity", SVGNumber.format(opacity)),
                                          ("stroke", "none")])
        }
    }
}
