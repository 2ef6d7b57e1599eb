/// How a training run ended.
public enum RunStatus: Codable, Hashable, Sendable {
    /// Every epoch ran.
    case completed
    /// The loss became NaN or infinite at global step `step` (0-based) during epoch `epoch`
    /// (1-based); metrics up to the previous epoch are valid.
    case diverged(step: Int, epoch: Int)

    /// `completed` or `diverged`, for tables.
    public var name: String {
        switch self {
        case .completed: "completed"
        case .diverged: "diverged"
        }
    }
}
