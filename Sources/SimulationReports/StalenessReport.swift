import Foundation
import ResultFiles
import StalenessSimulation

/// A staleness histogram with its analysis and origin, and the files made from it: the distribution
/// JSON, the histogram CSV with fitted frequencies and the SVG figure.
public struct StalenessReport: Sendable {
    /// The observed staleness values.
    public var histogram: StalenessHistogram
    /// Statistics and fits of ``histogram``.
    public var analysis: StalenessAnalysis
    /// Every family fitted by maximum likelihood, ranked by BIC.
    public var families: FamilyComparison
    /// The simulation that produced the histogram; nil for counts read from a file.
    public var simulation: SimulationParameters?
    /// `"simulation"` or the path of the input file.
    public var source: String
    /// Base name of the output files (without directory or extension).
    public var fileStem: String
    /// Whether the histogram CSV and the distribution file keep every observed value even when the
    /// span exceeds ``StalenessHistogram/maximumExactSpan`` (they are binned otherwise).
    public var exactHistogram = false

    /// The report of a simulation run; `sigma` is the σ the user gave (kept even when the model ignores it).
    /// - Throws: ``FitError`` when the histogram is empty (a run records at least one gradient, so never in practice).
    public init(run: SimulationRun, sigma: Double) throws(FitError) {
        histogram = run.histogram
        analysis = try StalenessAnalysis(histogram: run.histogram)
        families = FamilyComparison(histogram: run.histogram, analysis: analysis)
        simulation = SimulationParameters(run.configuration, sigma: sigma)
        source = "simulation"
        fileStem = Self.stem(for: run.configuration, sigma: sigma)
    }

    /// The report of counts read from `path`.
    /// - Throws: ``FitError/emptyHistogram`` when there are no counts.
    public init(histogram: StalenessHistogram, path: String) throws(FitError) {
        self.histogram = histogram
        analysis = try StalenessAnalysis(histogram: histogram)
        families = FamilyComparison(histogram: histogram, analysis: analysis)
        simulation = nil
        source = path
        var url = URL(fileURLWithPath: path)
        if url.pathExtension == "gz" { url.deletePathExtension() }
        let name = url.deletingPathExtension().lastPathComponent
        fileStem = "fit-" + name
    }

    /// The base name of a simulation's files, e.g. `staleness-N32-normal-sigma0.2`, with
    /// `-slow<f>x<k>` and `-stragglers<p>x<k>` appended when workers are heterogeneous.
    public static func stem(for configuration: SimulationConfiguration, sigma: Double) -> String {
        "staleness-N\(configuration.workers)-" + modelStem(configuration.model, sigma: sigma,
                                                            heterogeneity: configuration.heterogeneity)
    }

    /// The model part of a file name: `normal-sigma0.2`, `exponential`, plus heterogeneity suffixes.
    public static func modelStem(_ model: WorkerTimeModel, sigma: Double, heterogeneity: WorkerHeterogeneity) -> String {
        var stem = model.name
        if model != .exponential { stem += "-sigma\(sigma)" }
        if heterogeneity.slowFraction > 0 && heterogeneity.slowFactor != 1 {
            stem += "-slow\(heterogeneity.slowFraction)x\(heterogeneity.slowFactor)"
        }
        if heterogeneity.stragglerProbability > 0 && heterogeneity.stragglerFactor != 1 {
            stem += "-stragglers\(heterogeneity.stragglerProbability)x\(heterogeneity.stragglerFactor)"
        }
        return stem
    }

    /// The distribution file of this report.
    public var distributionFile: DistributionFile {
        DistributionFile(source: source, simulation: simulation, histogram: histogram, analysis: analysis,
                         families: families, maximumBins: exactHistogram ? .max : StalenessHistogram.maximumExactSpan)
    }

    /// One-line description for the terminal, e.g. `N = 32, normal σ = 0.2, 1000000 gradients`.
    public var caption: String {
        let parts = captionParts
        return parts.subtitle.isEmpty ? parts.title : parts.title + ", " + parts.subtitle
    }

    /// The caption split for a figure: the title names N and the model, the subtitle the
    /// heterogeneity and the count.
    var captionParts: (title: String, subtitle: String) {
        guard let simulation else { return ("update counts of \(source)", "\(analysis.summary.count) values") }
        var title = "N = \(simulation.workers), \(simulation.model)"
        if simulation.model != WorkerTimeModel.exponential.name { title += " σ = \(simulation.sigma)" }
        var details: [String] = []
        let heterogeneity = simulation.heterogeneity.summary
        if !heterogeneity.isEmpty { details.append(heterogeneity) }
        details.append("\(analysis.summary.count) gradients")
        return (title, details.joined(separator: ", "))
    }

    /// The files written by ``write(to:)`` for output directory `directory`: JSON, CSV, SVG.
    public func fileURLs(in directory: URL) -> (distribution: URL, histogram: URL, figure: URL) {
        (directory.appendingPathComponent(fileStem + ".json"),
         directory.appendingPathComponent(fileStem + "-histogram.csv"),
         directory.appendingPathComponent(fileStem + ".svg"))
    }

    /// The families figure (``familiesFigure``) written for counts read from a file.
    public func familiesFigureURL(in directory: URL) -> URL {
        directory.appendingPathComponent(fileStem + "-families.svg")
    }

    /// Writes the distribution JSON, histogram CSV and SVG figure into `directory`, and for counts
    /// read from a file (`fit`) the families figure too, as one set (``AtomicFileSet``: all new or,
    /// when one cannot be written, all as they were).
    /// - Returns: the written files' URLs.
    /// - Throws: `OutputError` naming the first file that cannot be written.
    @discardableResult
    public func write(to directory: URL) throws(OutputError) -> [URL] {
        var files = AtomicFileSet()
        try stage(into: &files, directory: directory)
        return try files.publish()
    }

    /// Adds this report's files (see ``write(to:)``) to `files`, for a caller that writes a larger set.
    /// - Throws: `OutputError` naming the first file that cannot be written (the set is discarded).
    public func stage(into files: inout AtomicFileSet, directory: URL) throws(OutputError) {
        let urls = fileURLs(in: directory)
        try files.add(distributionFile.jsonData(), to: urls.distribution)
        try files.add(histogramTable.text, to: urls.histogram)
        try files.add(figure.text, to: urls.figure)
        guard simulation == nil else { return }
        try files.add(familiesFigure.text, to: familiesFigureURL(in: directory))
    }
}
