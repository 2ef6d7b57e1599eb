import ArgumentParser
import Experiments
import Foundation
import Training

extension Staleness {
    /// `staleness sweep`: trains every configuration of a grid, in parallel, into a SQLite store.
    struct Sweep: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a grid of configurations in parallel into a resumable SQLite results store.",
            discussion: """
                Every train option takes a comma-separated list; the grid is their Cartesian product, \
                expanded in a fixed order. Learning rates and other numbers also take log ranges: \
                2^-13:2^-5 (powers of two), 1e-4:1e-1 or 10^-4:10^-1 (powers of ten), with an optional \
                exponent step (10^-3:10^-2:0.5). Each finished run is committed to --store on its own; \
                rerunning the same command runs only what is missing. --shard i/n runs every n-th \
                configuration starting at the i-th, for job arrays; combine shard stores with \
                `staleness merge`.
                """)

        @OptionGroup(title: "Grid (comma-separated lists)") var grid: SweepOptions

        @Option(help: "The results store (SQLite), created if missing; required unless --dry-run.")
        var store: String?

        @Option(help: "Runs in flight at once (default: the number of cores); each run uses --threads cores.")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "Run only shard i of n (1 ≤ i ≤ n) of the grid.")
        var shard: String?

        @Option(help: "Directory holding the four IDX files (raw or .gz); overrides STALENESS_DATA.")
        var data: String?

        @Flag(name: .customLong("retry-failed"), help: "Run again the runs stored as failed.")
        var retryFailed = false

        @Flag(name: .customLong("dry-run"), help: "List the configurations (hash and run name) and exit.")
        var dryRun = false

        func validate() throws {
            guard store != nil || dryRun else { throw ValidationError("--store is required (or use --dry-run)") }
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
            if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.description) } }
        }

        func run() async throws {
            let configurations = try Self.expand(grid.sweepGrid(), shard: shard)
            if dryRun {
                for c in configurations { print("\(ConfigurationHash.of(c))  \(c.runName)") }
                return
            }
            guard let store else { return }
            _ = try await SweepExecution.run(configurations, storePath: store, jobs: jobs, dataOption: data,
                                             retryFailed: retryFailed)
        }

        /// The grid's configurations, cut to the shard.
        static func expand(_ grid: SweepGrid, shard: String?) throws -> [TrainingConfiguration] {
            do {
                let all = try grid.configurations()
                return try shard.map { text throws(SweepError) in try Shard(parsing: text) }.map { $0.slice(all) } ?? all
            } catch {
                throw CommandLineError(error.description)
            }
        }
    }
}
