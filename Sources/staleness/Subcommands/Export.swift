import ArgumentParser
import Experiments
import Foundation

extension Staleness {
    /// `staleness export`: a results store as CSV tables.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a results store's tables as CSV (runs.csv, epochs.csv, staleness_scan.csv).",
            discussion: "Accuracies are fractions 0…1; every file is replaced atomically.")

        @Option(help: "The results store (SQLite).") var store: String
        @Option(help: "Directory for the CSV files.") var out: String = "notebooks-data"

        func run() throws {
            guard FileManager.default.fileExists(atPath: store) else {
                throw ValidationError("no results store at \(store)")
            }
            let snapshot = try ResultsStore(path: store, access: .readOnly).snapshot()
            printUnreadableRows(of: snapshot, store: store)
            for url in try CSVExport.write(snapshot, to: URL(fileURLWithPath: out)) { print(url.path) }
            printError("exported \(snapshot.runs.count) runs, \(snapshot.epochs.count) epochs")
        }
    }
}
