/// Why a training run could not start or go on.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// A configuration value is impossible; the message names it.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(message): message
        }
    }
}
