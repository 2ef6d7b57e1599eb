import Foundation
import ResultFiles

/// Writes a run's metrics as it goes: `running.json` at the start (a previous run's files removed),
/// `metrics.csv` and `metrics.jsonl` (one line per epoch) after every epoch, `summary.json` at the
/// end (replacing `running.json`). Each file is replaced atomically, so whatever is on disk
/// is complete for the epochs it lists, even if the run is killed.
public final class MetricsWriter {
    /// The run's directory.
    public let directory: URL
    private var csv = CSVTable(header: EpochMetrics.csvHeader)
    private var jsonLines = ""
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Creates a writer for `directory` (created when the first epoch is written).
    public init(directory: URL) {
        self.directory = directory
    }

    /// The path of the per-epoch CSV file.
    public var csvURL: URL { directory.appendingPathComponent("metrics.csv") }
    /// The path of the per-epoch JSON Lines file.
    public var jsonLinesURL: URL { directory.appendingPathComponent("metrics.jsonl") }
    /// The path of the final summary.
    public var summaryURL: URL { directory.appendingPathComponent("summary.json") }

    /// The marker of a run in progress: `{"status": "running", "configuration": …}`, removed when
    /// `summary.json` is written; `"status": "interrupted"` once a signal ended the run.
    public var runningURL: URL { directory.appendingPathComponent("running.json") }

    /// What `running.json` holds.
    private struct Marker: Encodable {
        var status: String
        var configuration: TrainingConfiguration
    }

    /// Checks, before any work, that the run's files can be written into the directory.
    /// - Throws: `OutputError` naming the directory when they cannot.
    public func checkWritable() throws(OutputError) {
        try AtomicFile.checkWritable(summaryURL)
    }

    /// Marks the directory as holding a run of `configuration` in progress: removes what a previous
    /// run left (its summary and metrics, so that no old `summary.json` sits beside new metrics) and
    /// writes ``runningURL``.
    /// - Throws: `OutputError` when the directory cannot be written.
    public func begin(_ configuration: TrainingConfiguration) throws {
        for url in [summaryURL, csvURL, jsonLinesURL] where FileManager.default.fileExists(atPath: url.path) {
            do { try FileManager.default.removeItem(at: url) } catch {
                throw OutputError.cannotWrite(path: url.path, reason: "cannot remove the previous run's file")
            }
        }
        try AtomicFile.write(try encoder.encode(Marker(status: "running", configuration: configuration)), to: runningURL)
    }

    /// Rewrites `running.json` of the run in `directory` to say that it was interrupted (the metrics
    /// of its finished epochs stay); nothing is written when the run had finished (`summary.json`).
    /// Static and self-contained so that a signal handler can call it while the run goes on.
    /// - Throws: `OutputError` when the file cannot be written.
    public static func markInterrupted(_ configuration: TrainingConfiguration, in directory: URL) throws {
        let writer = MetricsWriter(directory: directory)
        guard !FileManager.default.fileExists(atPath: writer.summaryURL.path) else { return }
        let marker = Marker(status: "interrupted", configuration: configuration)
        try AtomicFile.write(try writer.encoder.encode(marker), to: writer.runningURL)
    }

    /// Adds one epoch and rewrites the CSV and JSON Lines files.
    /// - Throws: `OutputError` when a file cannot be written.
    public func append(_ metrics: EpochMetrics) throws {
        csv.append(metrics.csvFields)
        jsonLines += String(decoding: try encoder.encode(metrics), as: UTF8.self) + "\n"
        try AtomicFile.write(csv.text, to: csvURL)
        try AtomicFile.write(jsonLines, to: jsonLinesURL)
    }

    /// Writes `summary.json` for the finished (or diverged) run.
    public func finish(_ summary: TrainingRunSummary) throws {
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try pretty.encode(summary), to: summaryURL)
        try? FileManager.default.removeItem(at: runningURL)
    }
}
