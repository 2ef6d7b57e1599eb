import ArgumentParser
import Experiments
import Foundation
import ResultFiles
import Training

extension Staleness {
    /// `staleness train`: trains LeNet-5 once and writes per-epoch metrics.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train LeNet-5 on MNIST or Fashion-MNIST and record per-epoch metrics.",
            discussion: """
                Writes running.json (at the start, replacing a previous run's files), metrics.csv, \
                metrics.jsonl (after every epoch) and summary.json (at the end) into --out. Ctrl-C \
                rewrites running.json with status interrupted.
                Exit status: 0 when the run completes, 3 when the loss diverges (NaN or infinite), \
                1 for bad input, 130 when interrupted.
                """)

        /// Exit status of a run whose loss became NaN or infinite.
        static let divergedExitCode: Int32 = 3

        @OptionGroup var options: TrainingOptions

        @OptionGroup(title: "Delay models and remedies") var delays: DelayOptions

        @Option(name: .customLong("staleness-log"), help: "Write every applied update (update, step, worker, staleness) to this CSV file.")
        var stalenessLog: String?

        @Option(help: "Directory for the run's metrics (default: notebooks-data/runs/<run name>-<hash prefix>).")
        var out: String?

        @Flag(help: "Print the final summary as one JSON object on stdout.")
        var json = false

        @Flag(name: .customLong("dry-run"), help: "Print the configuration's hash and run name (as `sweep --dry-run`) and exit.")
        var dryRun = false

        func run() throws {
            let configuration: TrainingConfiguration
            do {
                configuration = try ConfigurationBuilder().configuration(
                    options.point.merging(delays.point) { _, delay in delay })
            } catch {
                throw CommandLineError(error.description)
            }
            if dryRun {
                print("\(ConfigurationHash.of(configuration))  \(configuration.runName)")
                return
            }
            guard out != "" else { throw CommandLineError("--out needs a directory, got an empty path") }
            let directory = URL(fileURLWithPath: out ?? "notebooks-data/runs/\(ConfigurationHash.directoryName(of: configuration))")
            let writer = MetricsWriter(directory: directory)
            // Every output path is checked before the data is read and the run starts.
            try writer.checkWritable()
            if let stalenessLog { try AtomicFile.checkWritable(URL(fileURLWithPath: stalenessLog)) }
            let (train, test) = try TrainingData.load(configuration, dataOption: options.data.directory)
            let trainer = try Trainer(configuration: configuration, train: train, test: test)
            try writer.begin(configuration)
            let interruption = InterruptHandler {
                let marked = (try? MetricsWriter.markInterrupted(configuration, in: directory)) != nil
                printError("interrupted: " + (marked ? "the run is marked interrupted in \(directory.path)/running.json, "
                                                + "with the metrics of its finished epochs"
                                              : "cannot mark the run interrupted in \(directory.path)"))
            }
            defer { interruption.stop() }
            var updateLog = CSVTable(header: ["update", "step", "worker", "staleness"])
            var stalenessSum = 0, updateCount = 0
            let progress = ProgressBar()
            progress.log("training \(configuration.runName): \(train.count) train / \(test.count) test examples, "
                         + "\(trainer.stepsPerEpoch) steps per epoch → \(directory.path)")
            let result = try trainer.run(
                onEpoch: { metrics in
                    try writer.append(metrics)
                    progress.log(Self.describe(metrics))
                },
                onUpdate: { record in
                    stalenessSum += record.staleness
                    updateCount += 1
                    if stalenessLog != nil {
                        updateLog.append(["\(record.update)", "\(record.step)", "\(record.worker)", "\(record.staleness)"])
                    }
                },
                onStep: { done, total in progress.update(done: done, total: total) })
            progress.finish()
            if let stalenessLog { try AtomicFile.write(updateLog.text, to: URL(fileURLWithPath: stalenessLog)) }
            if configuration.delay != .none {
                progress.log(String(format: "delay model %@: %d updates, mean realised staleness %.2f, buffer %.1f MB",
                                    configuration.delay.shortName, updateCount,
                                    Double(stalenessSum) / Double(max(updateCount, 1)),
                                    Double(trainer.delayBufferBytes) / 1e6))
            }
            let summary = TrainingRunSummary(result)
            try writer.finish(summary)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } else {
                print(String(format: "%@: final test accuracy %.2f%% (best %.2f%%) in %.1f s",
                             summary.status, 100 * summary.finalTestAccuracy, 100 * summary.bestTestAccuracy,
                             summary.seconds))
            }
            if case let .diverged(step, epoch) = result.status {
                printError("diverged: the loss became NaN or infinite at step \(step), epoch \(epoch); the run "
                           + "is kept, with the metrics of the epochs before it, in \(directory.path)")
                throw ExitCode(Self.divergedExitCode)
            }
        }

        static func describe(_ m: EpochMetrics) -> String {
            var line = String(format: "epoch %3d  test loss %.4f  test acc %6.2f%%", m.epoch, m.testLoss,
                              100 * m.testAccuracy)
            if let loss = m.trainLoss, let accuracy = m.trainAccuracy {
                line += String(format: "  train loss %.4f  train acc %6.2f%%", loss, 100 * accuracy)
            }
            if let rate = m.learningRate { line += String(format: "  lr %.3g", rate) }
            if let clock = m.clock, m.epoch > 0 {
                line += String(format: "  sim time %.1f  discarded %d  idle %.1f%%", clock.time, clock.discarded,
                               100 * (clock.idleFraction ?? 0))
            }
            if m.epoch > 0 { line += String(format: "  %.2f s", m.seconds) }
            return line
        }
    }
}
