/// An input file of update counts could not be used; the description is one line naming the file
/// (and line and column, when one is at fault).
public enum UpdateCountFileError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case cannotRead(path: String, reason: String)
    /// A line does not have the expected fields; `line` is 1-based.
    case malformed(path: String, line: Int, detail: String)
    /// A field is not a usable count; `line` and `column` count from 1.
    case invalidField(path: String, line: Int, column: Int, field: String, reason: String)
    /// The file holds no counts.
    case empty(path: String)
    /// The requested column is not in the file.
    case unknownColumn(path: String, column: LogColumn, available: [String])

    public var description: String {
        switch self {
        case let .cannotRead(path, reason): "cannot read \(path): \(reason)"
        case let .malformed(path, line, detail): "\(path):\(line): \(detail)"
        case let .invalidField(path, line, column, field, reason): "\(path):\(line): column \(column): '\(field)' \(reason)"
        case let .empty(path): "\(path) holds no update counts"
        case let .unknownColumn(path, .name(name), available):
            "\(path) has no column '\(name)' (columns: \(available.joined(separator: ", ")))"
        case let .unknownColumn(path, .position(position), available):
            "\(path) has no column \(position) (it has \(available.count), counted from 1)"
        }
    }
}
