/// One of `count` deterministic slices of a grid, for job arrays: shard `index` (1-based) takes the
/// configurations at positions `index − 1`, `index − 1 + count`, `index − 1 + 2·count`, …
///
/// Taking every n-th configuration rather than a contiguous block spreads the slow configurations
/// (small batches, long delays, which sit together in the grid order) over all shards.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// 1 … count.
    public let index: Int
    /// Number of shards, ≥ 1.
    public let count: Int

    /// The whole grid.
    public static let all = Shard(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `i/n`.
    /// - Throws: `SweepError.badShard` unless 1 ≤ i ≤ n.
    public init(parsing text: String) throws(SweepError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else {
            throw .badShard(text)
        }
        self.init(uncheckedIndex: i, count: n)
    }

    /// This shard's part of `items`, in their order.
    public func slice<T>(_ items: [T]) -> [T] {
        stride(from: index - 1, to: items.count, by: count).map { items[$0] }
    }

    /// `i/n`.
    public var description: String { "\(index)/\(count)" }
}
