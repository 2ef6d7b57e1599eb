import Foundation
import Training

/// `staleness data fetch` failed. The description is one line; nothing half-written is left under
/// a file's real name.
public enum DataFetchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// One mirror's failure for one file: the URL tried and why it failed.
    public struct Attempt: Sendable, Equatable {
        /// The URL that was tried.
        public let url: URL
        /// Why it failed (transfer error or checksum mismatch).
        public let reason: String
    }

    /// There is no download for `dataset`; `advice` says how to get it instead.
    case unsupported(dataset: DatasetName, advice: String)
    /// The destination directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// Every mirror failed for the file `name`.
    case allMirrorsFailed(name: String, attempts: [Attempt], destination: String)
    /// A verified download could not be moved to its final name.
    case cannotInstall(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unsupported(dataset, advice):
            "there is no download for \(dataset.rawValue); \(advice)"
        case let .cannotCreateDirectory(path, reason):
            "cannot create \(path): \(reason)"
        case let .allMirrorsFailed(name, attempts, destination):
            "cannot fetch \(name): "
                + attempts.map { "\($0.url.absoluteString): \($0.reason)" }.joined(separator: "; ")
                + ". Nothing was saved under that name; if this machine is offline, copy the four files "
                + "into \(destination) or point to them with --data DIR"
        case let .cannotInstall(path, reason):
            "cannot move the verified download to \(path): \(reason)"
        }
    }
}
