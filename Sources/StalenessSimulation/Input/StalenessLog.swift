/// The staleness values of a log, per column and pooled: what ``UpdateCountFile`` reads.
public struct StalenessLog: Sendable, Equatable {
    /// One column of observations (or the single histogram of a `value,count` file).
    public struct Column: Sendable, Equatable {
        /// The header name, or `column K` (counted from 1) when the file has no header.
        public var name: String
        /// The column's values.
        public var histogram: StalenessHistogram
    }

    /// The columns read, in file order; one for a single-column, histogram or `--column` read.
    public var columns: [Column]
    /// All columns' values together (the only column's values when there is one).
    public var pooled: StalenessHistogram
    /// Whether the file was read as `value,count` pairs.
    public var isHistogram: Bool
}
