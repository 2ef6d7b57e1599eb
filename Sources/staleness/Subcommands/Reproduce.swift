import ArgumentParser
import Experiments
import Foundation
import ResultFiles
import Training

extension Staleness {
    /// `staleness reproduce`: runs the study's grid and what goes beyond it, then writes the report.
    struct Reproduce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reproduce the study: staleness scan, training grid, figures and REPORT.md.",
            discussion: """
                Full mode: SGD (momentum 0.9) and Adam, lr 2^-13…2^-5 plus 10^-3 and 10^-2.5, batch 32…1024, \
                delays 0, 1, 2, 4, …, 256, 30 epochs, --input paper, plus warm-up, delay-model and remedy \
                runs, and "Does asynchrony pay?": sync, sync-backup, async, rennala and ringmaster raced on \
                emulated clusters of 8, 32 and 128 workers (sqrt times, σ 0.2 and 0.5, random stragglers; SGD, \
                3 epochs, lr 10^-3, 10^-2, 10^-1), by simulated time to 95, 97 and 98% test accuracy. --quick: 3 epochs on 30 000 training examples with a reduced grid (about 15 minutes on \
                2 cores). --smoke: every part of the plan once, 1 epoch on 2 000 examples, to check the route \
                (a cluster's job array, merge, report) in a minute. --focused: the cells each claim's verdict hinges \
                on with 3 seeds (252 runs of 30 epochs). --seeds K runs every cell with seeds 1…K. Results go to <out>/runs.sqlite, so an interrupted reproduction resumes where it \
                stopped; the report, CSV tables and figures are rewritten from the store at the end. \
                With --shard i/n a job-array task runs its slice of the plan into its own --out; combine the \
                shards with `staleness merge` into <dir>/runs.sqlite and run `reproduce --report-only --out <dir>`. \
                The report states how much of the plan the store holds.
                """)

        @Flag(help: "The reduced grid (3 epochs, 30 000 training examples).") var quick = false
        @Flag(help: "Every part of the plan once, 1 epoch on 2 000 examples (14 runs): checks the route, e.g. a cluster's.")
        var smoke = false
        @Flag(help: "The cells each claim's verdict hinges on, 30 epochs, 3 seeds by default (252 runs, about 2.5 hours on 2 cores).")
        var focused = false
        @Option(help: "Seeds per cell (default 1; 3 with --focused): every configuration runs with seeds 1…K; the report shows means, 95% t intervals and per-seed verdicts.")
        var seeds: Int?
        @Option(help: "Directory holding the four IDX files (raw or .gz); overrides STALENESS_DATA.") var data: String?
        @Option(help: "Runs in flight at once (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
        @Option(help: "Output directory (store, CSV, figures, REPORT.md).") var out: String = "notebooks-data/reproduction"
        @Option(help: "Run only shard i of n (1 ≤ i ≤ n) of the plan, for job arrays.") var shard: String?
        @Option(help: """
            Only these parts of the plan, comma-separated: study, warmup, delay-models, remedies, asynchrony \
            (the report then has only their sections).
            """)
        var part: String?
        @Flag(name: .customLong("dry-run"), help: "List the plan's configurations (hash and run name, after --shard) and exit.")
        var dryRun = false
        @Flag(help: """
            Train nothing of the plan: run one 1-epoch sample per optimizer and batch size with --jobs runs in \
            flight (into a temporary store) and print the plan's projected time on this machine.
            """)
        var estimate = false
        @Flag(name: .customLong("report-only"), help: "Train nothing: rewrite CSV, figures and REPORT.md from the store.")
        var reportOnly = false

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
            if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.description) } }
            if shard != nil, reportOnly { throw ValidationError("--shard trains a slice; it cannot go with --report-only") }
            if let seeds { do { try ReproductionPlan.validateSeeds(seeds) } catch { throw ValidationError(error.description) } }
            _ = try selection()
            if [quick, smoke, focused].count(where: { $0 }) > 1 {
                throw ValidationError("--quick, --smoke and --focused exclude each other")
            }
            if [dryRun, reportOnly, estimate].count(where: { $0 }) > 1 {
                throw ValidationError("--dry-run, --estimate and --report-only exclude each other")
            }
        }

        /// The parts named by `--part` (nil: all).
        private func selection() throws -> Set<ReproductionPlan.PartName>? {
            guard let part else { return nil }
            do { return try ReproductionPlan.PartName.parseList(part) } catch { throw ValidationError(error.description) }
        }

        func run() async throws {
            let mode: ReproductionPlan.Mode = smoke ? .smoke : quick ? .quick : focused ? .focused : .full
            if let selection = try selection(), ReproductionPlan(mode: mode, selection: selection).parts.isEmpty {
                throw ValidationError("the \(mode.rawValue) plan has no part \(part ?? "")")
            }
            if dryRun {
                let slice = try plannedConfigurations(mode)
                for c in slice { print("\(ConfigurationHash.of(c))  \(c.runName)") }
                printError("\(slice.count) runs, \(slice.reduce(0) { $0 + $1.epochs }) epochs")
                return
            }
            if estimate {
                try await printEstimate(for: try plannedConfigurations(mode), mode: mode)
                return
            }
            let directory = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let storePath = directory.appendingPathComponent("runs.sqlite").path
            let store = try ResultsStore(path: storePath)
            if try store.stalenessScan().isEmpty {
                printError("simulating the staleness of N = \(StalenessScan.defaultWorkerCounts.map(String.init).joined(separator: ", ")) workers")
                try store.replaceStalenessScan(try StalenessScan.run())
            }
            if !reportOnly {
                _ = try await SweepExecution.run(try plannedConfigurations(mode), storePath: storePath, jobs: jobs,
                                                 dataOption: data)
            }
            let snapshot = try store.snapshot()
            printUnreadableRows(of: snapshot, store: storePath)
            try CSVExport.write(snapshot, to: directory)
            var names: [String] = []
            let races = AsynchronySection.races(snapshot)
            for (name, document) in ExperimentFigures.all(snapshot) + AsynchronySection.figures(races) {
                try AtomicFile.write(document.text, to: directory.appendingPathComponent(name))
                names.append(name)
            }
            if !races.isEmpty {
                try AtomicFile.write(RaceReport.csv(races), to: directory.appendingPathComponent("asynchrony.csv"))
            }
            let report = ReproductionReport.markdown(snapshot, mode: mode, seeds: seeds ?? mode.defaultSeeds,
                                                     selection: try selection(), figures: names)
            let reportURL = directory.appendingPathComponent("REPORT.md")
            try AtomicFile.write(report, to: reportURL)
            print(reportURL.path)
        }

        /// The plan of `mode`, cut to `--shard` when given.
        private func plannedConfigurations(_ mode: ReproductionPlan.Mode) throws -> [TrainingConfiguration] {
            let plan = try ReproductionPlan(mode: mode, seeds: seeds, selection: try selection()).configurations()
            return try shard.map { try Shard(parsing: $0).slice(plan) } ?? plan
        }

        /// Runs the sample of `plan` in a temporary store and prints the projection.
        private func printEstimate(for plan: [TrainingConfiguration], mode: ReproductionPlan.Mode) async throws {
            let samples = PlanEstimate.sampleConfigurations(for: plan)
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("staleness-estimate-\(ProcessInfo.processInfo.processIdentifier)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let storePath = directory.appendingPathComponent("sample.sqlite").path
            printError("estimate: \(samples.count) one-epoch sample runs with \(jobs) jobs")
            _ = try await SweepExecution.run(samples, storePath: storePath, jobs: jobs, dataOption: data)
            let estimate = PlanEstimate(samples: PlanEstimate.samples(from: try ResultsStore(path: storePath).snapshot()),
                                        jobs: jobs)
            for sample in estimate.samples {
                print(String(format: "  %@ batch %d: %.2f s per training epoch, %.2f s per evaluation",
                             sample.optimizer.rawValue, sample.batchSize, sample.trainSeconds, sample.evaluationSeconds))
            }
            guard let seconds = estimate.wallSeconds(for: plan) else {
                throw ValidationError("a sample run failed, so part of the plan has no measured cost")
            }
            let epochs = plan.reduce(0) { $0 + $1.epochs }
            print(String(format: "%@ plan%@: %d runs, %d epochs — projected %.1f hours with %d jobs on this machine",
                         mode.rawValue, shard.map { " (shard \($0))" } ?? "", plan.count, epochs, seconds / 3600, jobs))
        }
    }
}
