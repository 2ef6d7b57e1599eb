/// Several charts in one image: a title over a grid of equally sized panels, row by row.
public struct PanelGrid: Sendable {
    /// The figure's title.
    public var title: String
    /// Panels, filled row by row.
    public var panels: [XYChart]
    /// Panels per row, ≥ 1.
    public var columns: Int
    /// Size of one panel in pixels.
    public var panelSize: (width: Double, height: Double)

    /// Creates a grid of `panels`, `columns` per row.
    public init(title: String, panels: [XYChart], columns: Int, panelSize: (width: Double, height: Double) = (520, 380)) {
        self.title = title
        self.panels = panels
        self.columns = max(1, columns)
        self.panelSize = panelSize
    }

    /// Height of the band holding the title.
    static let titleHeight = 36.0

    /// The figure.
    public var document: SVGDocument {
        let columnCount = min(columns, max(panels.count, 1))
        let rows = (panels.count + columns - 1) / columns
        // Wide enough for the title too (about 11 px per character at 18 px bold).
        let width = max(Double(columnCount) * panelSize.width, 11 * Double(title.count) + 40)
        let height = Self.titleHeight + Double(max(rows, 1)) * panelSize.height
        var document = SVGDocument(width: width, height: height)
        document.add([SVGElement("rect", [("x", "0"), ("y", "0"), ("width", SVGNumber.format(width)),
                                          ("height", SVGNumber.format(height)), ("fill", "white")])])
        document.add([SVGElement("text", [("x", SVGNumber.format(width / 2)), ("y", "25"), ("font-size", "18"),
                                          ("font-weight", "bold"), ("text-anchor", "middle")], text: title)])
        for (k, panel) in panels.enumerated() {
            let frame = PlotRect(x: Double(k % columns) * panelSize.width,
                                 y: Self.titleHeight + Double(k / columns) * panelSize.height,
                                 width: panelSize.width, height: panelSize.height)
            document.add(panel.elements(in: frame))
        }
        return document
    }
}
