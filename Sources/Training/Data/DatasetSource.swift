/// The places searched for a dataset, in the order ``DatasetLocator`` tries them.
public enum DatasetSource: String, CaseIterable, Sendable, Equatable {
    /// The `--data DIR` option.
    case dataOption = "--data"
    /// The `STALENESS_DATA` environment variable.
    case environment = "STALENESS_DATA"
    /// The user cache, `$XDG_CACHE_HOME/staleness/<name>` or `~/.cache/staleness/<name>`, where
    /// `staleness data fetch` puts downloads.
    case userCache = "user cache"
    /// The directory a Debian package installs, `/usr/share/datasets/<name>` (Fashion-MNIST only).
    case system = "Debian package"
}
