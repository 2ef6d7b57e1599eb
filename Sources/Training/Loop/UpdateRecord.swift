/// One update the server applied: which worker sent it and how stale it was.
public struct UpdateRecord: Hashable, Sendable {
    /// 0-based index of the update.
    public var update: Int
    /// 0-based global step at which it was applied.
    public var step: Int
    /// The submitting worker (0 unless workers are emulated).
    public var worker: Int
    /// Server updates between the read of the parameters it was computed on and its application.
    public var staleness: Int
}
