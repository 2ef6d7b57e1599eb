/// A polyline through points, optionally dashed; non-finite points break the line, and a point
/// standing alone (no finite neighbour) is drawn as a dot.
public struct LineSeries: ChartSeries {
    /// Legend name (empty: no legend entry).
    public var name: String
    /// SVG colour of the series.
    public var color: String
    /// Points in data units.
    public var points: [(x: Double, y: Double)]
    /// Stroke width in pixels.
    public var lineWidth: Double
    /// SVG `stroke-dasharray`, or nil for a solid line.
    public var dash: String?

    /// Creates a line.
    public init(name: String, points: [(x: Double, y: Double)], color: String = Palette.color(1),
                lineWidth: Double = 2, dash: String? = nil) {
        self.name = name
        self.points = points
        self.color = color
        self.lineWidth = lineWidth
        self.dash = dash
    }

    private var finitePoints: [(x: Double, y: Double)] { points.filter { $0.x.isFinite && $0.y.isFinite } }

    // ChartSeries conformance; see the protocol for each member's contract.
    public var xExtent: (lower: Double, upper: Double)? {
        let xs = finitePoints.map(\.x)
        guard let low = xs.min(), let high = xs.max() else { return nil }
        return (low, high)
    }

    public var yExtent: (lower: Double, upper: Double)? {
        let ys = finitePoints.map(\.y)
        guard let low = ys.min(), let high = ys.max() else { return nil }
        return (low, high)
    }

    public func legendSwatch(x: Double, y: Double) -> SVGElement {
        SVGElement("line", stroke + [("x1", SVGNumber.format(x)), ("y1", SVGNumber.format(y + 5)),
                                     ("x2", SVGNumber.format(x + 16)), ("y2", SVGNumber.format(y + 5))])
    }

    /// The pixels of the finite points, split into runs where a non-finite point breaks the line.
    private func pixelRuns(x: LinearScale, y: LinearScale) -> [[(x: Double, y: Double)]] {
        var runs: [[(x: Double, y: Double)]] = [[]]
        for point in points {
            if point.x.isFinite && point.y.isFinite {
                runs[runs.count - 1].append((x(point.x), y(point.y)))
            } else if !(runs.last?.isEmpty ?? true) {
                runs.append([])
            }
        }
        return runs.filter { !$0.isEmpty }
    }

    /// The points and 8 evenly spaced pixels on each segment between finite neighbours.
    public func coveredPixels(x: LinearScale, y: LinearScale) -> [(x: Double, y: Double)] {
        pixelRuns(x: x, y: y).flatMap { run in
            zip(run, run.dropFirst()).flatMap { from, to in
                (0..<9).map { step in
                    let t = Double(step) / 9
                    return (x: from.x + t * (to.x - from.x), y: from.y + t * (to.y - from.y))
                }
            } + [run[run.count - 1]]
        }
    }

    public func elements(x: LinearScale, y: LinearScale) -> [SVGElement] {
        pixelRuns(x: x, y: y).map { run in
            // A point with no finite neighbour gets a dot: a one-point polyline would draw nothing.
            guard run.count > 1 else {
                return SVGElement("circle", [("cx", SVGNumber.format(run[0].x)), ("cy", SVGNumber.format(run[0].y)),
                                             ("r", SVGNumber.format(lineWidth * 1.75)), ("fill", color)])
            }
            let list = run.map { "\(SVGNumber.format($0.x)),\(SVGNumber.format($0.y))" }.joined(separator: " ")
            return SVGElement("polyline", stroke + [("fill", "none"), ("points", list)])
        }
    }

    private var stroke: [(String, String)] {
        var attributes = [("stroke", color), ("stroke-width", SVGNumber.format(lineWidth)),
                          ("stroke-linejoin", "round")]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        return attributes
    }
}
