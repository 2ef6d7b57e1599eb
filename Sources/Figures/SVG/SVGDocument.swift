/// A standalone SVG image of a fixed size in pixels, built from ``SVGElement``s.
public struct SVGDocument: Sendable, Equatable {
    /// Width in pixels.
    public var width: Double
    /// Height in pixels.
    public var height: Double
    /// Top-level elements, drawn in order (later ones on top).
    public var elements: [SVGElement] = []

    /// Creates an empty document with a white background.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
        elements.append(SVGElement("rect", [("width", "100%"), ("height", "100%"), ("fill", "white")]))
    }

    /// Appends elements to draw on top of the existing ones.
    public mutating func add(_ newElements: [SVGElement]) { elements += newElements }

    /// The document as SVG text.
    public var text: String {
        let root = SVGElement("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", SVGNumber.format(width)), ("height", SVGNumber.format(height)),
            ("viewBox", "0 0 \(SVGNumber.format(width)) \(SVGNumber.format(height))"),
            ("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"),
        ], children: elements)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.render()
    }
}
