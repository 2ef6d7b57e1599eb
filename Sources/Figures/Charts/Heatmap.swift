/// A grid of coloured cells with their values printed inside: columns and rows are categories
/// (e.g. learning rates × delays); missing values are left grey.
public struct Heatmap: Sendable {
    /// Title above the cells.
    public var title: String
    /// Horizontal axis title.
    public var xTitle: String
    /// Vertical axis title.
    public var yTitle: String
    /// Labels of the columns, left to right.
    public var columnLabels: [String]
    /// Labels of the rows, top to bottom.
    public var rowLabels: [String]
    /// `values[row][column]`, nil where nothing was measured.
    public var values: [[Double?]]
    /// The value range mapped onto the colour ramp.
    public var range: (lower: Double, upper: Double)
    /// How a value is printed in its cell.
    public var format: @Sendable (Double) -> String

    /// Creates a heatmap.
    public init(title: String, xTitle: String, yTitle: String, columnLabels: [String], rowLabels: [String],
                values: [[Double?]], range: (lower: Double, upper: Double),
                format: @escaping @Sendable (Double) -> String = { SVGNumber.fixed($0, decimals: 1) }) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.columnLabels = columnLabels
        self.rowLabels = rowLabels
        self.values = values
        self.range = range
        self.format = format
    }

    /// Room around the cells for the title, labels and the colour bar.
    static let margins = (top: 40.0, right: 70.0, bottom: 60.0, left: 80.0)

    /// The heatmap drawn inside `frame`.
    public func elements(in frame: PlotRect) -> [SVGElement] {
        let f = SVGNumber.format, m = Self.margins
        let plot = PlotRect(x: frame.x + m.left, y: frame.y + m.top, width: max(frame.width - m.left - m.right, 10),
                            height: max(frame.height - m.top - m.bottom, 10))
        let cellWidth = plot.width / Double(max(columnLabels.count, 1))
        let cellHeight = plot.height / Double(max(rowLabels.count, 1))
        let span = range.upper - range.lower
        func t(_ v: Double) -> Double { span > 0 ? (v - range.lower) / span : 1 }
        var elements: [SVGElement] = []
        for (r, row) in values.enumerated() {
            for (c, value) in row.enumerated() {
                let x = plot.x + Double(c) * cellWidth, y = plot.y + Double(r) * cellHeight
                elements.append(SVGElement("rect", [("x", f(x)), ("y", f(y)), ("width", f(cellWidth)),
                                                    ("height", f(cellHeight)),
                                                    ("fill", value.map { ColorRamp.color(t($0)) } ?? "#dddddd"),
                                                    ("stroke", "white"), ("stroke-width", "1")]))
                if let value, cellWidth >= 24, cellHeight >= 12 {
                    elements.append(SVGElement("text", [
                        ("x", f(x + cellWidth / 2)), ("y", f(y + cellHeight / 2 + 4)),
                        ("font-size", SVGNumber.format(min(11, cellHeight * 0.6))), ("text-anchor", "middle"),
                        ("fill", t(value) > 0.6 ? "#000000" : "#ffffff"),
                    ], text: format(value)))
                }
            }
        }
        for (c, label) in columnLabels.enumerated() {
            let x = plot.x + (Double(c) + 0.5) * cellWidth, y = plot.maxY + 14
            elements.append(SVGElement("text", [("x", f(x)), ("y", f(y)), ("font-size", "10"), ("text-anchor", "end"),
                                                ("transform", "rotate(-35 \(f(x)) \(f(y)))")], text: label))
        }
        for (r, label) in rowLabels.enumerated() {
            elements.append(SVGElement("text", [("x", f(plot.x - 6)), ("y", f(plot.y + (Double(r) + 0.5) * cellHeight + 4)),
                                                ("font-size", "11"), ("text-anchor", "end")], text: label))
        }
        elements.append(SVGElement("text", [("x", f(plot.x + plot.width / 2)), ("y", f(plot.maxY + 52)),
                                            ("font-size", "13"), ("text-anchor", "middle")], text: xTitle))
        let yx = frame.x + 18, yy = plot.y + plot.height / 2
        elements.append(SVGElement("text", [("x", f(yx)), ("y", f(yy)), ("font-size", "13"), ("text-anchor", "middle"),
                                            ("transform", "rotate(-90 \(f(yx)) \(f(yy)))")], text: yTitle))
        elements.append(SVGElement("text", [("x", f(frame.x + frame.width / 2)), ("y", f(frame.y + 24)),
                                            ("font-size", "15"), ("font-weight", "bold"), ("text-anchor", "middle")],
                                   text: title))
        // Colour bar with its range.
        let barX = plot.maxX + 14, steps = 20
        for k in 0..<steps {
            let y = plot.y + plot.height * Double(k) / Double(steps)
            elements.append(SVGElement("rect", [("x", f(barX)), ("y", f(y)), ("width", "12"),
                                                ("height", f(plot.height / Double(steps) + 0.5)),
                                                ("fill", ColorRamp.color(1 - Double(k) / Double(steps - 1)))]))
        }
        elements.append(SVGElement("text", [("x", f(barX + 16)), ("y", f(plot.y + 10)), ("font-size", "10")],
                                   text: format(range.upper)))
        elements.append(SVGElement("text", [("x", f(barX + 16)), ("y", f(plot.maxY)), ("font-size", "10")],
                                   text: format(range.lower)))
        return elements
    }
}
