import Foundation

/// Copies the resource at a URL into a local file. Injected into ``DatasetFetcher`` so that tests
/// can stand in for the network.
public protocol Downloader: Sendable {
    /// Downloads `url` into `destination`, replacing it.
    /// - Throws: `DownloadError` with a one-line reason when the transfer fails.
    func download(_ url: URL, to destination: URL) throws(DownloadError)
}

/// A failed transfer.
public struct DownloadError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Why it failed, one line (for example "Could not resolve host: example.org").
    public let reason: String

    /// Describes a failed transfer.
    public init(reason: String) { self.reason = reason }

    public var description: String { reason }
}
