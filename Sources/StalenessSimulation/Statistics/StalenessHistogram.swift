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

extension StalenessHistogram {
    /// Consecutive value ranges of equal width covering minimum…maximum, with their total counts:
    /// what a figure draws as one bar each, so that a histogram spanning millions of values is drawn
    /// with at most `maximumBins` bars. The width is 1 (one bar per value) when the span allows it.
    public func bins(maximumBins: Int) -> (width: Int, bins: [(low: Int, high: Int, count: Int)]) {
        guard let low = minimum, let high = maximum else { return (1, []) }
        let span = high - low + 1
        let width = max(1, (span + maximumBins - 1) / max(maximumBins, 1))
        var bins: [(low: Int, high: Int, count: Int)] = []
        var start = low
        while start <= high {
            let end = min(start + width - 1, high)
            var count = 0
            for k in start...end { count &+= counts[k] }
            bins.append((start, end, count))
            start = end + 1
        }
        return (width, bins)
    }
}
