import Foundation

/// Finds the directory holding a dataset's four IDX files.
///
/// Order: the `--data DIR` option, then the `STALENESS_DATA` environment variable, then the user
/// cache (`$XDG_CACHE_HOME/staleness/<name>`, or `~/.cache/staleness/<name>` when `XDG_CACHE_HOME`
/// is unset or not absolute), then, for Fashion-MNIST only, `/usr/share/datasets/fashion-mnist`
/// (Debian's `dataset-fashion-mnist`). For `--data DIR` and `STALENESS_DATA=DIR` both `DIR` itself
/// and `DIR/<name>` are tried, so one directory can hold several datasets.
///
/// `--data` is an explicit request: when its directories lack the files, locating fails rather than
/// silently training on data from elsewhere. The other places are tried in turn.
/// The environment and home directory are inputs so that tests never depend on the real ones.
public struct DatasetLocator: Sendable {
    /// The `--data` option's value, if given.
    public let dataOption: String?
    /// The environment variables to consult (`STALENESS_DATA`, `XDG_CACHE_HOME`).
    public let environment: [String: String]
    /// The user's home directory, for `~/.cache`.
    public let homeDirectory: String
    /// Where Debian packages put datasets, normally `/usr/share/datasets`.
    public let systemDatasetsDirectory: String

    /// Creates a locator from explicit inputs.
    public init(dataOption: String?, environment: [String: String], homeDirectory: String,
                systemDatasetsDirectory: String = "/usr/share/datasets") {
        self.dataOption = dataOption
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.systemDatasetsDirectory = systemDatasetsDirectory
    }

    /// A locator for this process: its environment and the user's home directory (`$HOME`, as the
    /// XDG rules say, else the account's home directory).
    public static func forCurrentProcess(dataOption: String?) -> DatasetLocator {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
        return DatasetLocator(dataOption: dataOption, environment: environment, homeDirectory: home)
    }

    /// The value of `STALENESS_DATA`, if set and not empty.
    public var environmentDirectory: String? {
        environment["STALENESS_DATA"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Where `staleness data fetch` stores `name` and where the locator looks for it.
    public func cacheDirectory(for name: DatasetName) -> URL {
        let base: URL
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            base = URL(fileURLWithPath: homeDirectory, isDirectory: true).appendingPathComponent(".cache")
        }
        return base.appendingPathComponent("staleness").appendingPathComponent(name.rawValue)
    }

    /// Every directory that will be tried for `name`, in order.
    public func candidates(for name: DatasetName) -> [DatasetCandidate] {
        func given(_ path: String, _ source: DatasetSource) -> [DatasetCandidate] {
            let directory = URL(fileURLWithPath: path, isDirectory: true)
            return [DatasetCandidate(source: source, directory: directory),
                    DatasetCandidate(source: source, directory: directory.appendingPathComponent(name.rawValue))]
        }
        if let dataOption { return given(dataOption, .dataOption) }
        var list: [DatasetCandidate] = []
        if let environmentDirectory { list += given(environmentDirectory, .environment) }
        list.append(DatasetCandidate(source: .userCache, directory: cacheDirectory(for: name)))
        if name.debianPackage != nil {
            list.append(DatasetCandidate(
                source: .system,
                directory: URL(fileURLWithPath: systemDatasetsDirectory, isDirectory: true)
                    .appendingPathComponent(name.rawValue)))
        }
        return list
    }

    /// The first candidate directory that holds all four files of `name`.
    /// - Throws: `DatasetLocationError` listing what was searched and how to get the data.
    public func locate(_ name: DatasetName) throws(DatasetLocationError) -> DatasetLocation {
        var searched: [DatasetLocationError.Searched] = []
        for candidate in candidates(for: name) {
            let contents = candidate.inspect()
            if case let .complete(location) = contents { return location }
            searched.append(.init(candidate: candidate, contents: contents))
        }
        if dataOption != nil { throw .notInDataOption(dataset: name, searched: searched) }
        throw .notFound(dataset: name, searched: searched)
    }
}
