import ArgumentParser
import Experiments
import Foundation

extension Staleness {
    /// `staleness merge`: combines shard stores.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine results stores (e.g. the shards of a job array) into one.",
            discussion: """
                Runs missing from --into are copied with their epochs; identical duplicates are skipped; \
                a failed run gives way to a measured one. The source stores are opened read-only; their rows \
                that cannot be read are named and left out. A run stored with different results in two \
                stores is a conflict: nothing is merged and the command fails.
                """)

        @Argument(help: "The stores to merge.") var stores: [String]
        @Option(help: "The store to merge into (created if missing).") var into: String

        func validate() throws {
            guard !stores.isEmpty else { throw ValidationError("name at least one store to merge") }
            for path in stores where !FileManager.default.fileExists(atPath: path) {
                throw ValidationError("no results store at \(path)")
            }
        }

        func run() throws {
            let snapshots = try stores.map { path in
                let snapshot = try ResultsStore(path: path, access: .readOnly).snapshot()
                printUnreadableRows(of: snapshot, store: path)
                return snapshot
            }
            let added = try ResultsStore(path: into).merge(snapshots, names: stores)
            print("merged \(stores.count) store(s) into \(into): \(added) run(s) added")
        }
    }
}
