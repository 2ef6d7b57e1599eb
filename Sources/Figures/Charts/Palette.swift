/// Colours for chart series: a colour-blind-safe qualitative palette (Okabe–Ito), cycled by index.
public enum Palette {
    /// The palette's colours as SVG hex strings.
    public static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

    /// The colour for series number `index` (wrapping around).
    public static func color(_ index: Int) -> String { colors[((index % colors.count) + colors.count) % colors.count] }
}
