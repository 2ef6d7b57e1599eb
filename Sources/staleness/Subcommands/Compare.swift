import ArgumentParser
import Foundation
import SimulationReports
import StalenessSimulation

extension Staleness {
    /// `staleness compare A B ...`: two or more staleness distributions side by side.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare staleness distributions: logs, distribution files, traces, calibrations.",
            discussion: """
            Each SOURCE is recognised by its content: a JSON object with `models` is a calibration \
            file (its calibrated simulator is rerun at its N, gradients and seed), another JSON object \
            a distribution file (its histogram); anything else is a log read as `fit` reads it (- for \
            standard input), of which only the `staleness` column is read when the header has one (a \
            trace of `simulate --trace` or `train --staleness-log`) and every column pooled otherwise. \
            For every pair: the two-sample Kolmogorov–Smirnov distance with its asymptotic p-value \
            (conservative for integer data with ties), the Wasserstein-1 distance, and the \
            differences (second − first) of mean, standard deviation and quantiles. Writes \
            <stem>-sources.csv, <stem>-pairs.csv and <stem>.svg (frequencies overlaid, linear and \
            log axis) into --out.
            """
        )

        @Argument(help: "Two or more staleness sources (files, or - for one log on standard input).")
        var sources: [String]

        @Option(help: "Output directory.")
        var out = "notebooks-data"

        @Option(help: "Base name of the output files.")
        var stem = "compare"

        func validate() throws {
            guard sources.count >= 2 else { throw ValidationError("give at least two sources to compare, got \(sources.count)") }
            guard sources.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("standard input (-) can be only one source") }
            if stem.isEmpty || stem.contains("/") || stem.hasPrefix(".") {
                throw ValidationError("--stem \(stem): expected a plain file name without '/' or a leading '.'")
            }
        }

        func run() throws {
            let comparison = try StalenessComparison(sources: sources.map(StalenessSource.load(path:)))
            let directory = URL(fileURLWithPath: out)
            try OutputDirectory.prepare(directory)
            let files = try comparison.write(to: directory, stem: stem)
            print(comparison.terminalText, terminator: "")
            for file in files { print("  wrote \(file.relativePath)") }
        }
    }
}
