import ArgumentParser
import Experiments
import Foundation
import ResultFiles

extension Staleness {
    /// `staleness figures`: the study's figures from a results store, as SVG.
    struct FiguresCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "figures",
            abstract: "Draw the study's figures (SVG) from a results store.",
            discussion: """
                staleness.svg (histogram with fitted normal, mean/sd vs N; simulated now when the store \
                has no staleness scan), accuracy-vs-lr-<optimizer>.svg (one panel per batch, one line per \
                delay), accuracy-vs-epoch.svg (delays 32, 128, 256 beside sync) and heatmap-<optimizer>.svg.
                """)

        @Option(help: "The results store (SQLite).") var store: String
        @Option(help: "Directory for the SVG files.") var out: String = "notebooks-data/figures"

        func run() throws {
            guard FileManager.default.fileExists(atPath: store) else { throw ValidationError("no results store at \(store)") }
            var snapshot = try ResultsStore(path: store, access: .readOnly).snapshot()
            printUnreadableRows(of: snapshot, store: store)
            if snapshot.stalenessScan.isEmpty { snapshot.stalenessScan = try StalenessScan.run() }
            for (name, document) in ExperimentFigures.all(snapshot) {
                let url = URL(fileURLWithPath: out).appendingPathComponent(name)
                try AtomicFile.write(document.text, to: url)
                print(url.path)
            }
        }
    }
}
