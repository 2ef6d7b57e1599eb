/// Formatting of numbers for SVG coordinates and chart labels, in pure Swift (no locale).
public enum SVGNumber {
    /// `value` with at most two decimals and no trailing zeros: enough for coordinates in pixels.
    public static func format(_ value: Double) -> String {
        let text = fixed(value, decimals: 2)
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return trimmed == "-0" ? "0" : String(trimmed)
    }

    /// `value` rounded to exactly `decimals` (0...15) decimals, e.g. `fixed(2.5, decimals: 2) == "2.50"`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let digits = String(UInt64(scaled))
        let sign = value < 0 && scaled > 0 ? "-" : ""
        if decimals == 0 { return sign + digits }
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -decimals)
        return sign + padded[..<split] + "." + padded[split...]
    }
}
