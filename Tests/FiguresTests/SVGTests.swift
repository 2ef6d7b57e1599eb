import Testing
@testable import Figures

@Suite struct SVGTests {
    @Test func escapesMarkupInTextAndAttributes() {
        #expect(XMLText.escape(#"a<b & "c" > 'd'"#) == "a&lt;b &amp; &quot;c&quot; &gt; &apos;d&apos;")
        let element = SVGElement("text", [("data-x", "1<2")], text: "σ & N")
        #expect(element.render() == "<text data-x=\"1&lt;2\">σ &amp; N</text>\n")
    }

    @Test func chartDrawsOneBarPerNonZeroHeightAndALegend() {
        let bars = BarSeries(name: "observed", xs: [1, 2, 3], heights: [0.2, 0, 0.5])
        let line = LineSeries(name: "fit", points: [(1, 0.1), (2, 0.3), (3, 0.4)])
        let svg = XYChart(title: "T", xTitle: "x", yTitle: "y", series: [bars, line]).document().text
        // Two data bars, plus the background and the legend box and its bar swatch.
        #expect(svg.split(separator: "<rect", omittingEmptySubsequences: false).count - 1 == 2 + 3)
        #expect(svg.contains("<polyline"))
        #expect(svg.contains(">observed</text>") && svg.contains(">fit</text>"))
        #expect(svg.hasPrefix("<?xml"))
    }

    @Test func scaleMapsDomainEndsOntoRangeEnds() {
        let scale = LinearScale(domain: (10, 20), range: (300, 100))
        #expect(scale(10) == 300)
        #expect(scale(20) == 100)
        #expect(scale(15) == 200)
    }

    @Test func aLonePointIsDrawnAsADot() {
        let x = LinearScale(domain: (0, 10), range: (0, 100)), y = LinearScale(domain: (0, 10), range: (100, 0))
        let line = LineSeries(name: "delay 256", points: [(x: 2, y: 3), (x: 5, y: .nan), (x: 6, y: 1), (x: 8, y: 2)])
        let elements = line.elements(x: x, y: y).map(\.name)
        #expect(elements == ["circle", "polyline"])
    }
}
