import Foundation
import ResultFiles
import StalenessSimulation

extension StalenessComparison {
    /// Quantile column names, `q01` … `q99`.
    private static var quantileNames: [String] {
        SummaryStatistics.quantileLevels.map { "q" + String(format: "%02d", Int(($0 * 100).rounded())) }
    }

    /// One row per source: `source,path,kind,detail,count,mean,sd,min,max,q01,…,q99`.
    public var sourceTable: CSVTable {
        var table = CSVTable(header: ["source", "path", "kind", "detail", "count", "mean", "sd", "min", "max"] + Self.quantileNames)
        let n = StalenessReport.number
        for (index, (source, s)) in zip(sources, summaries).enumerated() {
            table.append([String(index + 1), source.path, source.kind.rawValue, source.detail, String(s.count), n(s.mean),
                          n(s.standardDeviation), String(s.minimum), String(s.maximum)] + s.quantiles.map(String.init))
        }
        return table
    }

    /// One row per pair: `first,second,ks,ks_p,w1,mean_diff,sd_diff,q01_diff,…` (second − first).
    public var pairTable: CSVTable {
        var table = CSVTable(header: ["first", "second", "ks", "ks_p", "w1", "mean_diff", "sd_diff"]
                                 + Self.quantileNames.map { $0 + "_diff" })
        let n = StalenessReport.number
        for pair in pairs {
            table.append([String(pair.first + 1), String(pair.second + 1), n(pair.kolmogorovSmirnov), n(pair.pValue),
                          n(pair.wasserstein1), n(pair.meanDifference), n(pair.standardDeviationDifference)]
                         + pair.quantileDifferences.map(String.init))
        }
        return table
    }

    /// The sources' summaries, then every pair's distances and differences.
    public var terminalText: String {
        func cell(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        let levels = SummaryStatistics.quantileLevels.map { String(Int(($0 * 100).rounded())) + "%" }
        var lines = ["sources:"]
        for (index, source) in sources.enumerated() {
            lines.append("  [\(index + 1)] \(source.path): \(source.detail)")
        }
        lines.append(cell("#", 5) + cell("n", 11) + cell("mean", 10) + cell("sd", 9) + levels.map { cell($0, 6) }.joined())
        for (index, s) in summaries.enumerated() {
            lines.append(cell("[\(index + 1)]", 5) + cell(String(s.count), 11) + cell(String(format: "%.3f", s.mean), 10)
                         + cell(String(format: "%.3f", s.standardDeviation), 9) + s.quantiles.map { cell(String($0), 6) }.joined())
        }
        lines.append("pairs (differences: second − first; KS p asymptotic, conservative with ties):")
        lines.append(cell("pair", 9) + cell("KS", 9) + cell("KS p", 11) + cell("W1", 9) + cell("Δmean", 9) + cell("Δsd", 9)
                     + levels.map { cell("Δ" + $0, 6) }.joined())
        for pair in pairs {
            lines.append(cell("\(pair.first + 1)–\(pair.second + 1)", 9) + cell(String(format: "%.5f", pair.kolmogorovSmirnov), 9)
                         + cell(String(format: "%.3g", pair.pValue), 11) + cell(String(format: "%.4f", pair.wasserstein1), 9)
                         + cell(String(format: "%+.3f", pair.meanDifference), 9)
                         + cell(String(format: "%+.3f", pair.standardDeviationDifference), 9)
                         + pair.quantileDifferences.map { cell(String(format: "%+d", $0), 6) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `<stem>-sources.csv`, `<stem>-pairs.csv` and `<stem>.svg` into `directory`, as one set
    /// (``AtomicFileSet``).
    /// - Returns: the written files. - Throws: `OutputError` naming the first that cannot be written.
    public func write(to directory: URL, stem: String) throws(OutputError) -> [URL] {
        let urls = [directory.appendingPathComponent(stem + "-sources.csv"),
                    directory.appendingPathComponent(stem + "-pairs.csv"),
                    directory.appendingPathComponent(stem + ".svg")]
        var files = AtomicFileSet()
        try files.add(sourceTable.text, to: urls[0])
        try files.add(pairTable.text, to: urls[1])
        try files.add(figure.text, to: urls[2])
        return try files.publish()
    }
}
