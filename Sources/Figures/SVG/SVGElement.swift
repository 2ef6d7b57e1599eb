/// One SVG element with ordered attributes, child elements and text; rendered with XML escaping.
public struct SVGElement: Sendable, Equatable {
    /// Tag name, e.g. `rect`.
    public var name: String
    /// Attributes in output order.
    public var attributes: [(String, String)]
    /// Child elements, rendered before ``text``.
    public var children: [SVGElement]
    /// Text content (escaped on rendering).
    public var text: String?

    /// Creates an element.
    public init(_ name: String, _ attributes: [(String, String)] = [], children: [SVGElement] = [],
                text: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    public static func == (lhs: SVGElement, rhs: SVGElement) -> Bool {
        lhs.name == rhs.name && lhs.attributes.elementsEqual(rhs.attributes, by: ==)
            && lhs.children == rhs.children && lhs.text == rhs.text
    }

    /// A group (`g`) of `children`, optionally translated by (`dx`, `dy`) — the unit a multi-panel
    /// figure places side by side.
    public static func group(_ children: [SVGElement], dx: Double = 0, dy: Double = 0) -> SVGElement {
        let transform: [(String, String)] =
            dx == 0 && dy == 0 ? [] : [("transform", "translate(\(SVGNumber.format(dx)),\(SVGNumber.format(dy)))")]
        return SVGElement("g", transform, children: children)
    }

    /// The element as XML, indented by `depth` levels.
    public func render(depth: Int = 0) -> String {
        let indent = String(repeating: "  ", count: depth)
        var out = indent + "<" + name
        for (key, value) in attributes { out += " \(key)=\"\(XMLText.escape(value))\"" }
        if children.isEmpty && text == nil { return out + "/>\n" }
        out += ">"
        if let text { out += XMLText.escape(text) }
        if children.isEmpty { return out + "</\(name)>\n" }
        out += "\n"
        for child in children { out += child.render(depth: depth + 1) }
        return out + indent + "</\(name)>\n"
    }
}
