/// Something a chart can draw in its plot area: bars, lines, later heatmap cells.
public protocol ChartSeries: Sendable {
    /// Name shown in the legend; empty for no legend entry.
    var name: String { get }
    /// Colour (SVG colour string) used for drawing and the legend swatch.
    var color: String { get }
    /// Data range covered horizontally, or nil when empty.
    var xExtent: (lower: Double, upper: Double)? { get }
    /// Data range covered vertically, or nil when empty.
    var yExtent: (lower: Double, upper: Double)? { get }
    /// The legend swatch drawn in a 16 × 10 pixel box whose top-left corner is (`x`, `y`).
    func legendSwatch(x: Double, y: Double) -> SVGElement
    /// The series' elements for the given data-to-pixel scales.
    func elements(x: LinearScale, y: LinearScale) -> [SVGElement]
    /// Pixel positions the drawing covers, for keeping the legend off the data: by default none.
    func coveredPixels(x: LinearScale, y: LinearScale) -> [(x: Double, y: Double)]
}

extension ChartSeries {
    /// No pixels: such a series does not steer the legend.
    public func coveredPixels(x: LinearScale, y: LinearScale) -> [(x: Double, y: Double)] { [] }
}
