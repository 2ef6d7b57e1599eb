import ArgumentParser
import Experiments
import Foundation
import ResultFiles

extension Staleness {
    /// `staleness race`: several algorithms on one emulated cluster, each tuned over learning rates,
    /// compared by simulated time to target test accuracies.
    struct Race: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Race algorithms on one emulated cluster: time to target accuracy in simulated time.",
            discussion: """
                Trains the grid like `staleness sweep` (give --delay workers:N, --algorithm as a list and \
                --lr as a list) into --store, then, for every cluster in the store (everything but the \
                algorithm and learning rate), picks each algorithm's learning rate that reached the highest \
                target first and writes race.md, race.csv and race-<k>.svg (test accuracy against simulated \
                time) into --out.
                """)

        @OptionGroup(title: "Grid (comma-separated lists)") var grid: SweepOptions

        @Option(help: "The results store (SQLite), created if missing.")
        var store: String

        @Option(help: "Runs in flight at once; each run uses --threads cores.")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "Directory holding the four IDX files (raw or .gz); overrides STALENESS_DATA.")
        var data: String?

        @Option(help: "Output directory of the table and figures.")
        var out: String = "race"

        @Option(help: "Test-accuracy targets, comma-separated, in (0, 1).")
        var targets: String = "0.97,0.98,0.99"

        @Flag(name: .customLong("report-only"), help: "Only report what the store holds; train nothing.")
        var reportOnly = false

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
            _ = try parsedTargets()
        }

        private func parsedTargets() throws -> [Double] {
            let values = targets.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! > 0 && $0! < 1 }) else {
                throw ValidationError("--targets must be comma-separated accuracies in (0, 1), got \(targets)")
            }
            return values.map { $0! }.sorted()
        }

        func run() async throws {
            if !reportOnly {
                let configurations = try Sweep.expand(grid.sweepGrid(), shard: nil)
                _ = try await SweepExecution.run(configurations, storePath: store, jobs: jobs, dataOption: data)
            }
            let snapshot = try ResultsStore(path: store).snapshot()
            printUnreadableRows(of: snapshot, store: store)
            let reports = RaceReport.build(runs: snapshot.runs, epochs: snapshot.epochs,
                                           targets: try parsedTargets())
            guard !reports.isEmpty else { throw ValidationError("no emulated runs with a clock in \(store)") }
            let directory = URL(fileURLWithPath: out)
            var markdown = ""
            for (index, report) in reports.enumerated() {
                try AtomicFile.write(report.figure().text,
                                     to: directory.appendingPathComponent("race-\(index + 1).svg"))
                markdown += "## Race \(index + 1) (race-\(index + 1).svg)\n\n" + report.markdown + "\n\n"
            }
            try AtomicFile.write(markdown, to: directory.appendingPathComponent("race.md"))
            try AtomicFile.write(RaceReport.csv(reports), to: directory.appendingPathComponent("race.csv"))
            print(markdown, terminator: "")
        }
    }
}
