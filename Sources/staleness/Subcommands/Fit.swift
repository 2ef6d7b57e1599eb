import ArgumentParser
import Foundation
import StalenessSimulation

extension Staleness {
    /// `staleness fit FILE`: the simulator's statistics and normal fits for update counts from anywhere.
    struct Fit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit normal curves to update counts (staleness values) read from a CSV file.",
            discussion: """
            FILE holds one non-negative integer per line, or value,count pairs (a histogram); an \
            optional header line is skipped. With --column, the named column of a CSV with a header is \
            used (e.g. the staleness column of a simulate --trace file). Writes <stem>.json, \
            <stem>-histogram.csv and <stem>.svg into --out; the stem is fit-<input file name> unless \
            --stem gives one.
            """
        )

        @Argument(help: "CSV file of update counts.")
        var file: String

        @Option(help: "Take the observations from this column of a CSV file with a header.")
        var column: String?

        @Option(help: "Output directory.")
        var out = "notebooks-data"

        @Option(help: "Base name of the output files (default: fit-<input file name>).")
        var stem: String?

        @Flag(help: "Print one JSON summary object on stdout instead of the table.")
        var json = false

        func validate() throws {
            if let stem, stem.isEmpty || stem.contains("/") || stem.hasPrefix(".") {
                throw ValidationError("--stem \(stem): expected a plain file name without '/' or a leading '.'")
            }
        }

        func run() throws {
            let histogram = try UpdateCountFile.read(from: URL(fileURLWithPath: file), column: column)
            let directory = URL(fileURLWithPath: out)
            try OutputDirectory.prepare(directory)
            var report = try StalenessReport(histogram: histogram, path: file)
            if let stem { report.fileStem = stem }
            let files = try report.write(to: directory).map(\.relativePath)
            if json {
                print(RunSummary.jsonLine(RunSummary(report: report, run: nil, files: files)))
            } else {
                print(report.terminalText, terminator: "")
                for file in files { print("  wrote \(file)") }
            }
        }
    }
}
