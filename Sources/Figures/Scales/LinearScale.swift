/// Maps a data interval linearly onto a pixel interval (which may run backwards, as y axes do).
public struct LinearScale: Sendable, Equatable {
    /// Data interval (lower, upper), lower < upper.
    public var domain: (lower: Double, upper: Double)
    /// Pixel positions of `domain.lower` and `domain.upper`.
    public var range: (start: Double, end: Double)

    /// Creates a scale; a degenerate domain is widened by ±0.5 so it still maps somewhere sensible.
    public init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = domain.0 < domain.1 ? domain : (domain.0 - 0.5, domain.0 + 0.5)
        self.range = range
    }

    public static func == (lhs: LinearScale, rhs: LinearScale) -> Bool {
        lhs.domain == rhs.domain && lhs.range == rhs.range
    }

    /// The pixel position of data value `value`.
    public func callAsFunction(_ value: Double) -> Double {
        range.start + (value - domain.lower) / (domain.upper - domain.lower) * (range.end - range.start)
    }
}
