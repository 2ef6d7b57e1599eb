import Foundation
import ResultFiles

/// A staleness distribution saved for later use (the trainer samples delays from it), as JSON.
///
/// Version 1 holds: `formatVersion` (1), `source` (`"simulation"` or the path of the fitted input
/// file), `simulation` (the ``SimulationParameters``, absent for fitted files), `histogram` (an object
/// mapping each observed value, as a decimal string, to its count) and `analysis` (summary statistics,
/// least-squares Gaussian, goodness of fit). Version 2 adds `families`: every ``CountFamily`` fitted
/// by maximum likelihood (``FamilyComparison``), ranked by BIC. Version 3 adds `histogramBinWidth`:
/// when present, each key is the first value of a bin of that many values and its count is the
/// bin's (a histogram spanning more than ``StalenessHistogram/maximumExactSpan`` values is written
/// so unless an exact one is asked for); absent, every key is one value. All three versions load;
/// a version-1 file has no families to sample from.
public struct DistributionFile: Sendable, Equatable, Codable {
    /// The format version this build writes.
    public static let formatVersion = 3
    /// The format versions this build reads.
    public static let readableVersions = 1...3
    /// The largest histogram key (and bin width) accepted: what simulations of up to
    /// ``SimulationConfiguration/maximumWorkers`` workers reach; loading also checks the memory of
    /// the histogram indexed by value (``MemoryBudget``) before allocating it.
    public static let maximumValue = 1_000_000_000

    /// The file's format version.
    public var formatVersion: Int
    /// `"simulation"` or the path of the file whose counts were fitted.
    public var source: String
    /// The simulation's parameters; nil for fitted files.
    public var simulation: SimulationParameters?
    /// Observed value (decimal string) → count; with ``histogramBinWidth``, a bin's first value → the bin's count.
    public var histogram: [String: Int]
    /// Values per key of ``histogram`` when it is binned; nil when every key is one value.
    public var histogramBinWidth: Int?
    /// Statistics and fits of the histogram.
    public var analysis: StalenessAnalysis
    /// Every family fitted by maximum likelihood; nil in version-1 files.
    public var families: FamilyComparison?

    /// Creates a file of the current version for `histogram`, its `analysis` and `families`; the
    /// histogram is stored in bins of ``StalenessHistogram/bins(maximumBins:)`` with at most
    /// `maximumBins` bins (non-empty bins only), so the default
    /// ``StalenessHistogram/maximumExactSpan`` keeps the file small whatever the span, and
    /// `Int.max` stores every observed value.
    public init(source: String, simulation: SimulationParameters?, histogram: StalenessHistogram,
                analysis: StalenessAnalysis, families: FamilyComparison,
                maximumBins: Int = StalenessHistogram.maximumExactSpan) {
        formatVersion = Self.formatVersion
        self.source = source
        self.simulation = simulation
        let (width, bins) = histogram.bins(maximumBins: maximumBins)
        if width == 1 {
            self.histogram = Dictionary(uniqueKeysWithValues: histogram.nonZeroBins.map { (String($0.value), $0.count) })
        } else {
            self.histogram = Dictionary(uniqueKeysWithValues: bins.filter { $0.count > 0 }.map { (String($0.low), $0.count) })
            histogramBinWidth = width
        }
        self.analysis = analysis
        self.families = families
    }

    /// The histogram as counts indexed by value. Valid for any file that ``load(from:)`` accepted.
    /// A binned histogram's counts are spread evenly over each bin's values (the remainder on its
    /// first values, on the last bin's last values), the last bin ending at the analysis' maximum:
    /// bin totals, the total and the extremes are kept, the shape within a bin is lost.
    public var staleness: StalenessHistogram {
        let pairs = histogram.compactMap { key, count in Int(key).map { ($0, count) } }
        let width = max(histogramBinWidth ?? 1, 1)
        let last = pairs.map(\.0).max() ?? -1
        let end = width == 1 ? last : min(max(analysis.summary.maximum, last), last + width - 1, Self.maximumValue)
        var counts = [Int](repeating: 0, count: end + 1)
        for (low, count) in pairs {
            let high = min(low + width - 1, end)
            let (share, remainder) = count.quotientAndRemainder(dividingBy: high - low + 1)
            // The last bin's remainder goes to its last values, so the maximum stays where it was.
            for value in low...high {
                let rank = low == last && width > 1 ? high - value : value - low
                counts[value] = share + (rank < remainder ? 1 : 0)
            }
        }
        return StalenessHistogram(counts: counts)
    }

    /// Delay probabilities of the file's histogram under `source` (see
    /// ``DelaySource/probabilities(histogram:analysis:families:)``). The support is checked against
    /// `maximumDelay` (``DelaySource/reach(histogram:analysis:families:)``) before anything is allocated.
    /// - Throws: ``DistributionFileError/noFamily(path:family:)`` when the file (version 1) has no
    ///   such fit, ``DistributionFileError/beyondMaximumDelay(path:source:reaches:maximum:)`` when the
    ///   distribution reaches past `maximumDelay`.
    public func delayProbabilities(_ source: DelaySource, path: String,
                                   maximumDelay: Int = UpdateCountFile.maximumValue) throws(DistributionFileError) -> [Double] {
        let staleness = staleness
        guard let reach = source.reach(histogram: staleness, analysis: analysis, families: families) else {
            throw .noFamily(path: path, family: source.description)
        }
        guard reach.isFinite, reach <= Double(maximumDelay) else {
            throw .beyondMaximumDelay(path: path, source: source.description, reaches: reach, maximum: maximumDelay)
        }
        guard let probabilities = source.probabilities(histogram: staleness, analysis: analysis, families: families) else {
            throw .noFamily(path: path, family: source.description)
        }
        return probabilities
    }

    /// The file as pretty-printed JSON with sorted keys (so equal files are byte-identical).
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Encoding plain structs of numbers and strings cannot fail except for non-finite doubles,
        // which the encoder writes as strings by this strategy rather than failing.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Writes the file atomically. - Throws: `OutputError` when `url` cannot be written.
    public func write(to url: URL) throws(OutputError) {
        try AtomicFile.write(jsonData(), to: url)
    }

    /// The first unquoted `NaN`, `Infinity` or `-Infinity` value in `data` (as Python's `json.dump`
    /// writes them), which no JSON parser reads; nil when there is none.
    static func bareNonFiniteToken(in data: Data) -> String? {
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: #"[:\[,]\s*(-?Infinity|NaN)\b"#, options: .regularExpression) else { return nil }
        return String(text[range].drop { ":[, \t\n\r".contains($0) })
    }

    /// Reads and validates a distribution file.
    /// - Throws: ``DistributionFileError`` when the file cannot be read, is not a distribution file,
    ///   has another format version, or has a missing/mistyped field, a histogram key that is not a
    ///   non-negative integer, a negative count or no observations.
    public static func load(from url: URL) throws(DistributionFileError) -> DistributionFile {
        let path = url.relativePath
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .cannotRead(path: path, reason: FileReadFailure.reason(url, error))
        }
        struct Version: Decodable { var formatVersion: Int }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let version = try? decoder.decode(Version.self, from: data) else {
            if let token = bareNonFiniteToken(in: data) {
                throw .malformed(path: path, detail: "it holds a bare \(token), which JSON cannot spell "
                                 + "(a NaN or infinite value is not a distribution; distribution files write \"nan\" and \"inf\" as strings)")
            }
            throw .notADistributionFile(path: path)
        }
        guard readableVersions.contains(version.formatVersion) else {
            throw .unsupportedVersion(path: path, found: version.formatVersion)
        }
        let file: DistributionFile
        do { file = try decoder.decode(DistributionFile.self, from: data) } catch let error as DecodingError {
            throw .malformed(path: path, detail: describe(error))
        } catch {
            throw .malformed(path: path, detail: "\(error)")
        }
        if let width = file.histogramBinWidth, !(1...maximumValue).contains(width) {
            throw .malformed(path: path, detail: "histogramBinWidth \(width) is not in 1…\(maximumValue)")
        }
        var largest = 0
        var total = 0
        for (key, count) in file.histogram {
            guard let value = Int(key), value >= 0 else {
                throw .malformed(path: path, detail: "histogram key '\(key)' is not a non-negative integer")
            }
            guard value <= maximumValue else {
                throw .malformed(path: path, detail: "histogram key \(value) exceeds the supported maximum \(maximumValue)")
            }
            largest = max(largest, value)
            guard count >= 0 else {
                throw .malformed(path: path, detail: "histogram count \(count) for value \(value) is negative")
            }
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { throw .malformed(path: path, detail: "the histogram's counts add up to more than \(Int.max)") }
            total = sum
        }
        guard total > 0 else {
            throw .malformed(path: path, detail: "the histogram holds no observations")
        }
        // The histogram indexed by value, up to the last bin's end, and a copy while it is built.
        let needed = 2 * 8 * Double(largest + (file.histogramBinWidth ?? 1))
        do { try MemoryBudget.current().check(needed, for: "the histogram of \(path) (values up to \(largest))") } catch {
            throw .tooLarge(path: path, detail: error.description)
        }
        try file.checkFits(path: path)
        return file
    }

    /// Checks the stored fits that sampling uses: finite numbers, standard deviations ≥ 0.
    private func checkFits(path: String) throws(DistributionFileError) {
        func check(_ value: Double, _ name: String, nonNegative: Bool = false) throws(DistributionFileError) {
            if value.isNaN { throw .malformed(path: path, detail: "\(name) is NaN") }
            guard value.isFinite else { throw .malformed(path: path, detail: "\(name) is \(value), not a finite number") }
            guard !nonNegative || value >= 0 else {
                throw .malformed(path: path, detail: "\(name) is \(value), below 0")
            }
        }
        let normal = analysis.normal
        try check(normal.mean, "analysis.normal.mean")
        try check(normal.standardDeviation, "analysis.normal.standardDeviation", nonNegative: true)
        try check(normal.discretisedSigma, "analysis.normal.discretisedSigma", nonNegative: true)
        for (index, fit) in (families?.fits ?? []).enumerated() {
            guard fit.parameters.count == fit.family.parameterNames.count else {
                throw .malformed(path: path, detail: "families.fits.\(index) has \(fit.parameters.count) parameters; \(fit.family.rawValue) has \(fit.family.parameterNames.count)")
            }
            for (p, value) in fit.parameters.enumerated() { try check(value, "families.fits.\(index).parameters.\(p)") }
            guard fit.shift >= 0, fit.shift <= Self.maximumValue else {
                throw .malformed(path: path, detail: "families.fits.\(index).shift \(fit.shift) is not in 0…\(Self.maximumValue)")
            }
            if fit.family == .normal {
                guard fit.parameters[1] >= 0 else {
                    throw .malformed(path: path, detail: "families.fits.\(index): a normal fit needs a mean and a σ ≥ 0")
                }
            }
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func location(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "top level" : path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context):
            return "missing field '\(key.stringValue)' at \(location(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "wrong type at \(location(context.codingPath))"
        case let .dataCorrupted(context):
            return "invalid JSON at \(location(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }
}
