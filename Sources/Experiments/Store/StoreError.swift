/// Why the results store could not be used.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be opened or is not a results store.
    case cannotOpen(path: String, reason: String)
    /// The file is not a results store (not SQLite, or a database of another tool); it was not touched.
    case notAStore(path: String, reason: String)
    /// SQLite's quick check found damage.
    case damaged(path: String, detail: String)
    /// The store was written by a newer version of staleness.
    case newerSchema(path: String, version: Int, supported: Int)
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
        case let .notAStore(path, reason):
            "\(path) is not a staleness results store: \(reason); it was left untouched"
        case let .damaged(path, detail):
            "results store \(path) is damaged (SQLite's quick check: \(detail)); restore it from a copy or "
                + "rerun the sweep into a new store"
        case let .newerSchema(path, version, supported):
            "results store \(path) has schema version \(version), written by a newer staleness; this version "
                + "reads schema versions up to \(supported)"
        case let .read(path, reason): "cannot read results store \(path): \(reason)"
        case let .write(path, reason): "cannot write results store \(path): \(reason)"
        case let .conflict(hash, runName, source):
            "conflicting results for run \(runName) (hash \(hash)): \(source) holds different numbers "
                + "than the stores merged before it; nothing was merged"
        }
    }
}
