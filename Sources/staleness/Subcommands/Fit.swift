import ArgumentParser
import Foundation
import SimulationReports
import StalenessSimulation

extension Staleness {
    /// `staleness fit FILE`: the simulator's statistics and normal fits for update counts from anywhere.
    struct Fit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit normal curves to update counts (staleness values) read from a CSV file.",
            discussion: """
            FILE (plain or gzip-compressed; - for standard input) holds staleness values as tools \
            write them (7, +7, 7.0, 7.000000000000000000e+00), one column or several (e.g. one per \
            worker), separated by commas, tabs, semicolons or spaces, or value,count pairs (a \
            histogram). The first line is a header only if one of its fields is not a number. With \
            several columns, each column and the pooled values are summarised in one table and the \
            pooled values are fitted; --column NAME|POSITION (positions count from 1) fits one column. \
            Writes <stem>.json, <stem>-histogram.csv and <stem>.svg into --out; the stem is \
            fit-<input file name> unless --stem gives one.
            """
        )

        @OptionGroup var input: LogInputOptions

        @Option(help: "Output directory.")
        var out = "notebooks-data"

        @Option(help: "Base name of the output files (default: fit-<input file name>).")
        var stem: String?

        @Flag(help: "Keep every observed value in <stem>-histogram.csv and <stem>.json even when the values span more than \(StalenessHistogram.maximumExactSpan) (binned otherwise).")
        var exactHistogram = false

        @Flag(help: "Print one JSON summary object on stdout instead of the table.")
        var json = false

        func validate() throws {
            if let stem, stem.isEmpty || stem.contains("/") || stem.hasPrefix(".") {
                throw ValidationError("--stem \(stem): expected a plain file name without '/' or a leading '.'")
            }
        }

        func run() throws {
            let status = StatusLine("reading \(input.displayName), lines")
            let log = try input.read(progress: status.update(done:))
            status.finish()
            let directory = URL(fileURLWithPath: out)
            try OutputDirectory.prepare(directory)
            var report = try StalenessReport(histogram: log.pooled, path: input.displayName)
            if let stem { report.fileStem = stem }
            report.exactHistogram = exactHistogram
            let files = try report.write(to: directory).map(\.relativePath)
            if json {
                print(SimulationSummary.jsonLine(SimulationSummary(report: report, run: nil, files: files)))
            } else {
                if log.columns.count > 1 { print(try log.columnTable()) }
                print(report.terminalText, terminator: "")
                for file in files { print("  wrote \(file)") }
            }
        }
    }
}
