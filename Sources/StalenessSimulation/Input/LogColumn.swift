/// A column of a staleness log chosen by the user: a header name, or a position counted from 1
/// (as `cut -f` and `awk` count). Text that is a positive integer is a position.
public enum LogColumn: Sendable, Equatable, Hashable, LosslessStringConvertible {
    /// The column whose header field is this name.
    case name(String)
    /// The column at this position, counted from 1.
    case position(Int)

    /// Parses a position (`1`, `2`, ...) or a non-empty name; nil for empty text or position 0.
    public init?(_ description: String) {
        guard !description.isEmpty else { return nil }
        if description.allSatisfy(\.isASCII), description.allSatisfy(\.isNumber) {
            guard let position = Int(description), position >= 1 else { return nil }
            self = .position(position)
        } else {
            self = .name(description)
        }
    }

    public var description: String {
        switch self {
        case let .name(name): name
        case let .position(position): String(position)
        }
    }
}
