/// Round-numbered axis ticks ("nice numbers": steps of 1, 2 or 5 × 10ᵏ) covering a data interval.
public struct NiceTicks: Sendable, Equatable {
    /// Tick values, increasing, from ``lower`` to ``upper`` in steps of ``step``.
    public let values: [Double]
    /// Distance between ticks.
    public let step: Double
    /// First tick: the largest multiple of `step` ≤ the data's lower end.
    public let lower: Double
    /// Last tick: the smallest multiple of `step` ≥ the data's upper end.
    public let upper: Double
    /// Decimals needed to print every tick exactly.
    public let decimals: Int

    /// Ticks for data in [`lower`, `upper`], about `targetCount` (≥ 2) of them.
    /// A degenerate interval is widened to one unit around its value.
    public init(lower: Double, upper: Double, targetCount: Int = 6) {
        var low = min(lower, upper), high = max(lower, upper)
        if !(high > low) { low -= 0.5; high += 0.5 }
        let rawStep = (high - low) / Double(max(targetCount - 1, 1))
        var magnitude = 1.0
        while magnitude * 10 <= rawStep { magnitude *= 10 }
        while magnitude > rawStep { magnitude /= 10 }
        let fraction = rawStep / magnitude
        let multiplier: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        let step = multiplier * magnitude
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        self.step = step
        self.lower = first * step
        self.upper = last * step
        values = stride(from: first, through: last, by: 1).map { $0 * step }
        var decimals = 0, unit = 1.0
        while unit > step * (1 + 1e-9) && decimals < 15 { unit /= 10; decimals += 1 }
        self.decimals = decimals
    }

    /// A tick value as printed on the axis.
    public func label(_ value: Double) -> String {
        let text = SVGNumber.fixed(value, decimals: decimals)
        return text == "-0" || text.hasPrefix("-0.") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
