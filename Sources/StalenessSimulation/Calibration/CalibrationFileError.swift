/// A calibration file could not be used; the description is one line naming the file.
public enum CalibrationFileError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case cannotRead(path: String, reason: String)
    /// The file is not a valid calibration file.
    case malformed(path: String, detail: String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason): "cannot read \(path): \(reason)"
        case let .malformed(path, detail): "\(path): \(detail)"
        }
    }
}
