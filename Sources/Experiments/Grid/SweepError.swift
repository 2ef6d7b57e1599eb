/// Why a sweep could not be set up or stored.
public enum SweepError: Error, Equatable, CustomStringConvertible {
    /// A sweep option has a value that cannot be parsed.
    case badValue(option: String, value: String, reason: String)
    /// A grid file names an option that does not exist.
    case unknownOption(String, file: String)
    /// A grid file cannot be read or is not a JSON object of option → value(s).
    case badGridFile(path: String, reason: String)
    /// A combination of values makes an impossible configuration.
    case invalidCombination(String)
    /// `--shard` is not `i/n` with 1 ≤ i ≤ n.
    case badShard(String)

    /// One line for the user.
    public var description: String {
        switch self {
        case let .badValue(option, value, reason): "--\(option) \(value): \(reason)"
        case let .unknownOption(name, file):
            "grid file \(file): unknown option \"\(name)\"; use the long names of `staleness sweep --help`"
        case let .badGridFile(path, reason): "grid file \(path): \(reason)"
        case let .invalidCombination(message): message
        case let .badShard(text): "--shard \(text): expected i/n with 1 ≤ i ≤ n, e.g. 3/8"
        }
    }
}
