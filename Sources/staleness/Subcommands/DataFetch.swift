import ArgumentParser
import DatasetDownload
import Foundation
import Training

extension Staleness.DataCommand {
    /// `staleness data fetch`: downloads a dataset into the user cache and verifies it.
    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download a dataset into the user cache, verifying each file's MD5.",
            discussion: """
                MNIST comes from the public mirrors (tried in order) into $XDG_CACHE_HOME/staleness/mnist \
                or ~/.cache/staleness/mnist. Fashion-MNIST has no download here: apt-get install \
                dataset-fashion-mnist.
                """
        )

        @Argument(help: "Dataset to download.")
        var dataset: DatasetName = .mnist

        @Option(help: ArgumentHelp("Directory to download into instead of the user cache.", valueName: "dir"))
        var to: String?

        @Option(help: ArgumentHelp(
            "Base URL to download from instead of the public mirrors (repeatable, tried in order; file:// works).",
            valueName: "url"))
        var mirror: [String] = []

        func validate() throws {
            for text in mirror where URL(string: text)?.scheme == nil {
                throw ValidationError("--mirror \(text) is not a URL (expected e.g. https://host/path/)")
            }
        }

        func run() throws {
            let destination = to.map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? DatasetLocator.forCurrentProcess(dataOption: nil).cacheDirectory(for: dataset)
            let mirrors = mirror.isEmpty ? nil : mirror.compactMap { URL(string: $0.hasSuffix("/") ? $0 : $0 + "/") }
            let fetcher = try DatasetFetcher.forDataset(dataset, into: destination, mirrors: mirrors)
            try fetcher.fetch { print($0) }
            print("\(dataset.displayName) is ready in \(destination.path)")
        }
    }
}
