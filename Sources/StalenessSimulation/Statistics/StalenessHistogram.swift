/// Counts of integer values (staleness, update counts) ≥ 0: `counts[k]` is how often `k` occurred.
public struct StalenessHistogram: Sendable, Equatable, Hashable {
    /// `counts[k]` = occurrences of value `k`; the last entry is non-zero (or the array is empty).
    public private(set) var counts: [Int]
    /// Total number of observations (wrapping past `Int.max`; readers refuse such totals first).
    public let total: Int

    /// Creates a histogram from counts indexed by value; trailing zeros are dropped.
    public init(counts: [Int]) {
        var trimmed = counts
        while trimmed.last == 0 { trimmed.removeLast() }
        self.counts = trimmed
        total = trimmed.withUnsafeBufferPointer { buffer in
            var sum = 0
            for count in buffer { sum &+= count }
            return sum
        }
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

    /// The smallest observed value, or nil when empty.
    public var minimum: Int? { counts.firstIndex { $0 > 0 } }

    /// The largest observed value, or nil when empty.
    public var maximum: Int? { counts.isEmpty ? nil : counts.count - 1 }

    /// The observed values with their non-zero counts, in increasing order.
    public var nonZeroBins: [(value: Int, count: Int)] {
        var bins: [(value: Int, count: Int)] = []
        counts.withUnsafeBufferPointer { buffer in
            for value in buffer.indices where buffer[value] > 0 { bins.append((value, buffer[value])) }
        }
        return bins
    }
}

extension StalenessHistogram {
    /// The widest span (largest − smallest value + 1) that fits, goodness-of-fit tests, the histogram
    /// CSV and the distribution file treat value by value; over a wider span they work on at most
    /// this many bins of equal width (and say so), so their time and size do not grow with the span.
    public static let maximumExactSpan = 10_000

    /// Largest − smallest value + 1; 0 when empty.
    public var span: Int {
        guard let low = minimum, let high = maximum else { return 0 }
        return high - low + 1
    }

    /// The bin width that covers `span` values with at most `maximumBins` bins: 1 when they fit.
    public static func binWidth(span: Int, maximumBins: Int) -> Int {
        let bins = max(maximumBins, 1)
        return span <= bins ? 1 : (span - 1) / bins + 1
    }

    /// The total count of the values `low...high`, those outside the histogram counting 0.
    public func count(from low: Int, through high: Int) -> Int {
        let start = max(low, 0), end = min(high, counts.count - 1)
        guard start <= end else { return 0 }
        return counts.withUnsafeBufferPointer { buffer in
            var count = 0
            for k in start...end { count &+= buffer[k] }
            return count
        }
    }

    /// Consecutive value ranges of equal width covering minimum…maximum, with their total counts:
    /// what a figure draws as one bar each, so that a histogram spanning millions of values is drawn
    /// with at most `maximumBins` bars. The width is 1 (one bar per value) when the span allows it.
    public func bins(maximumBins: Int) -> (width: Int, bins: [(low: Int, high: Int, count: Int)]) {
        guard let low = minimum, let high = maximum else { return (1, []) }
        let width = Self.binWidth(span: high - low + 1, maximumBins: maximumBins)
        var bins: [(low: Int, high: Int, count: Int)] = []
        bins.reserveCapacity((high - low) / width + 1)
        var start = low
        while start <= high {
            let end = min(start + width - 1, high)
            bins.append((start, end, count(from: start, through: end)))
            start = end + 1
        }
        return (width, bins)
    }
}
