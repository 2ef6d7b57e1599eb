import Testing
@testable import Figures

@Suite("Legend placement")
struct LegendPlacementTests {
    static let plot = PlotRect(x: 0, y: 0, width: 400, height: 300)
    static let legend = Legend(series: [LineSeries(name: "delay 32", points: [])], corner: .best)

    @Test func bestCornerHidesNoData() {
        // Clouds of pixels in the top-right and top-left corners (screen y grows downwards).
        let topRight = (0..<50).map { (x: 300 + Double($0), y: 10 + Double($0)) }
        let topLeft = (0..<50).map { (x: 10 + Double($0), y: 10 + Double($0) / 2) }
        #expect(Self.legend.placement(in: Self.plot, avoiding: topRight) == .topLeft)
        #expect(Self.legend.placement(in: Self.plot, avoiding: topRight + topLeft) == .bottomRight)
        #expect(Self.legend.placement(in: Self.plot, avoiding: []) == .topRight)
        let box = Self.legend.box(in: Self.plot, corner: .bottomRight)
        #expect(box.maxX == 392 && box.maxY == 292)
    }

    @Test func aLineThroughACornerCountsBetweenItsPoints() {
        // Two points far outside the top-left box, joined by a segment that crosses it.
        let line = LineSeries(name: "sync", points: [(x: 0, y: 100), (x: 10, y: 0)])
        let x = LinearScale(domain: (0, 10), range: (-200, 200)), y = LinearScale(domain: (0, 100), range: (300, -300))
        let pixels = line.coveredPixels(x: x, y: y)
        #expect(pixels.count == 2 + 8)
        #expect(Self.legend.placement(in: Self.plot, avoiding: pixels) != .topLeft)
    }
}
