/// Several heatmaps in one image, row by row, under a title.
public struct HeatmapGrid: Sendable {
    /// The figure's title.
    public var title: String
    /// The heatmaps.
    public var maps: [Heatmap]
    /// Heatmaps per row, ≥ 1.
    public var columns: Int
    /// Size of one heatmap in pixels.
    public var panelSize: (width: Double, height: Double)

    /// Creates a grid of `maps`, `columns` per row.
    public init(title: String, maps: [Heatmap], columns: Int, panelSize: (width: Double, height: Double) = (560, 400)) {
        self.title = title
        self.maps = maps
        self.columns = max(1, columns)
        self.panelSize = panelSize
    }

    /// The figure.
    public var document: SVGDocument {
        let columnCount = min(columns, max(maps.count, 1))
        let rows = (maps.count + columns - 1) / columns
        // Wide enough for the title too (about 11 px per character at 18 px bold).
        let width = max(Double(columnCount) * panelSize.width, 11 * Double(title.count) + 40)
        let height = PanelGrid.titleHeight + Double(max(rows, 1)) * panelSize.height
        var document = SVGDocument(width: width, height: height)
        document.add([SVGElement("rect", [("x", "0"), ("y", "0"), ("width", SVGNumber.format(width)),
                                          ("height", SVGNumber.format(height)), ("fill", "white")])])
        document.add([SVGElement("text", [("x", SVGNumber.format(width / 2)), ("y", "25"), ("font-size", "18"),
                                          ("font-weight", "bold"), ("text-anchor", "middle")], text: title)])
        for (k, map) in maps.enumerated() {
            document.add(map.elements(in: PlotRect(x: Double(k % columns) * panelSize.width,
                                                   y: PanelGrid.titleHeight + Double(k / columns) * panelSize.height,
                                                   width: panelSize.width, height: panelSize.height)))
        }
        return document
    }
}
