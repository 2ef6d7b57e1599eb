/// Counts of integer values (staleness, update counts) ≥ 0: `counts[k]` is how often `k` occurred.
public struct StalenessHistogram: Sendable, Equatable, Hashable {
    /// `counts[k]` = occurrences of value `k`; the last entry is non-zero (or the array is empty).
    public private(set) var counts: [Int]

    /// Creates a histogram from counts indexed by value; trailing zeros are dropped.
    public init(counts: [Int]) {
        var trimmed = counts
        while trimmed.last == 0 { trimmed.removeLast() }
        self.counts = trimmed
    }

    /// Creates a histogram of `values`. - Precondition: every value is ≥ 0.
    public init<Values: Sequence<Int>>(values: Values) {
        var counts: [Int] = []
        for value in values {
            precondition(value >= 0, "histogram values must be non-negative")
            if value >= counts.count { counts += [Int](repeating: 0, count: value - counts.count + 1) }
            counts[value] += 1
        }
        self.init(counts: counts)
    }

    /// Total number of observations.
    public var total: Int { counts.reduce(0, +) }

    /// The smallest observed value, or nil when empty.
    public var minimum: Int? { counts.firstIndex { $0 > 0 } }

    /// The largest observed value, or nil when empty.
    public var maximum: Int? { counts.isEmpty ? nil : counts.count - 1 }

    /// The observed values with their non-zero counts, in increasing order.
    public var nonZeroBins: [(value: Int, count: Int)] {
        counts.enumerated().compactMap { $0.element > 0 ? ($0.offset, $0.element) : nil }
    }
}
