/// A sequential colour ramp (dark blue → teal → yellow, close to viridis) for ordered series and
/// heatmap cells: readable in greyscale and by colour-blind readers.
public enum ColorRamp {
    private static let stops: [(Double, Double, Double)] = [
        (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    ]

    /// The colour at `t` in 0…1 (clamped), as `#rrggbb`.
    public static func color(_ t: Double) -> String {
        let x = min(max(t.isFinite ? t : 0, 0), 1) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2), f = x - Double(i)
        let a = stops[i], b = stops[i + 1]
        func channel(_ u: Double, _ v: Double) -> String {
            let value = Int((u + (v - u) * f).rounded())
            let hex = String(value, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "#" + channel(a.0, b.0) + channel(a.1, b.1) + channel(a.2, b.2)
    }

    /// The colour of item `index` of `count` ordered items, spread over the ramp's darker 80 %
    /// (the last yellow is too light for lines on white).
    public static func color(index: Int, of count: Int) -> String {
        color(count <= 1 ? 0 : 0.8 * Double(index) / Double(count - 1))
    }
}
