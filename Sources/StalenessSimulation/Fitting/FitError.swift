/// A fit could not be made; the description is one line for the user.
public enum FitError: Error, Equatable, CustomStringConvertible {
    /// There are no observations to fit.
    case emptyHistogram

    public var description: String {
        switch self {
        case .emptyHistogram: "there are no update counts to fit"
        }
    }
}
