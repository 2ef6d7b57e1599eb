/// An output file could not be written.
public enum OutputError: Error, CustomStringConvertible, Equatable {
    /// The file at `path` could not be written, for `reason`.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        }
    }
}
