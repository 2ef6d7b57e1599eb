/// Why the results store could not be used.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be opened or is not a results store.
    case cannotOpen(path: String, reason: String)
    /// Reading failed.
    case read(path: String, reason: String)
    /// Writing failed.
    case write(path: String, reason: String)
    /// Merging found a run stored with different results in two stores.
    case conflict(hash: String, runName: String, source: String)

    /// One line for the user.
    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open results store \(path): \(reason)"
        case let .read(path, reason): "cannot read results store \(path): \(reason)"
        case let .write(path, reason): "cannot write results store \(path): \(reason)"
        case let .conflict(hash, runName, source):
            "conflicting results for run \(runName) (hash \(hash)): \(source) holds different numbers "
                + "than the stores merged before it; nothing was merged"
        }
    }
}
