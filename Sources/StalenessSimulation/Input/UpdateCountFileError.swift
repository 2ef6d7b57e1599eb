/// An input file of update counts could not be used; the description is one line naming the file
/// (and line, when one is at fault).
public enum UpdateCountFileError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case cannotRead(path: String, reason: String)
    /// A line does not have the expected fields; `line` is 1-based.
    case malformed(path: String, line: Int, detail: String)
    /// The file holds no counts.
    case empty(path: String)
    /// The requested column is not in the header.
    case unknownColumn(path: String, column: String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason): "cannot read \(path): \(reason)"
        case let .malformed(path, line, detail): "\(path):\(line): \(detail)"
        case let .empty(path): "\(path) holds no update counts"
        case let .unknownColumn(path, column): "\(path) has no column '\(column)' in its header"
        }
    }
}
