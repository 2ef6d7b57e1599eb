/// How the columns of a staleness log are read.
public enum LogLayout: String, Sendable, CaseIterable {
    /// Two columns without a header, or with a second header field `count`, `counts`, `frequency`
    /// or `n`, are a `value,count` histogram; anything else is columns of observations.
    case auto
    /// Every column holds observations (e.g. one column per worker).
    case columns
    /// Two columns: `value,count` pairs forming a histogram (a value may repeat; counts add up).
    case histogram

    /// Header names of a histogram's count column recognised by ``auto``.
    static let countNames: Set<String> = ["count", "counts", "frequency", "n"]
}
