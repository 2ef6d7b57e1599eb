import Foundation
import ResultFiles

/// A staleness distribution saved for later use (the trainer samples delays from it), as JSON.
///
/// Version 1 holds: `formatVersion` (1), `source` (`"simulation"` or the path of the fitted input
/// file), `simulation` (the ``SimulationParameters``, absent for fitted files), `histogram` (an object
/// mapping each observed value, as a decimal string, to its count) and `analysis` (summary statistics,
/// least-squares Gaussian, goodness of fit).
public struct DistributionFile: Sendable, Equatable, Codable {
    /// The format version this build writes and reads.
    public static let formatVersion = 1

    /// How delays are sampled from a distribution file.
    public enum DelaySource: String, Sendable, CaseIterable {
        /// The moment-fitted normal, discretised to integers (see ``StalenessAnalysis/fittedNormal``).
        case fittedNormal = "normal"
        /// The observed histogram itself.
        case empirical

        /// The names ``init(name:)`` accepts: `fitted` (or `normal`) and `empirical`.
        public static let names = ["fitted", "empirical"]

        /// The source called `name`: `fitted` or `normal` (the fitted normal) or `empirical`;
        /// nil for any other name.
        public init?(name: String) {
            switch name {
            case "fitted", "normal": self = .fittedNormal
            case "empirical": self = .empirical
            default: return nil
            }
        }
    }

    /// The file's format version.
    public var formatVersion: Int
    /// `"simulation"` or the path of the file whose counts were fitted.
    public var source: String
    /// The simulation's parameters; nil for fitted files.
    public var simulation: SimulationParameters?
    /// Observed value (decimal string) → count.
    public var histogram: [String: Int]
    /// Statistics and fits of the histogram.
    public var analysis: StalenessAnalysis

    /// Creates a version-1 file for `histogram` and its `analysis`.
    public init(source: String, simulation: SimulationParameters?, histogram: StalenessHistogram,
                analysis: StalenessAnalysis) {
        formatVersion = Self.formatVersion
        self.source = source
        self.simulation = simulation
        self.histogram = Dictionary(uniqueKeysWithValues: histogram.nonZeroBins.map { (String($0.value), $0.count) })
        self.analysis = analysis
    }

    /// The histogram as counts indexed by value. Valid for any file that ``load(from:)`` accepted.
    public var staleness: StalenessHistogram {
        let pairs = histogram.compactMap { key, count in Int(key).map { ($0, count) } }
        var counts = [Int](repeating: 0, count: (pairs.map(\.0).max() ?? -1) + 1)
        for (value, count) in pairs { counts[value] = count }
        return StalenessHistogram(counts: counts)
    }

    /// Delay probabilities over 0...maximum, summing to 1.
    ///
    /// `.empirical`: observed frequencies, `maximum` = the largest observed value.
    /// `.fittedNormal`: the discretised moment-fitted normal with the mass below 0 folded into 0 and
    /// the mass above `maximum` = max(largest observed, ⌈μ + 6σ⌉) folded into `maximum`.
    public func delayProbabilities(_ source: DelaySource) -> [Double] {
        let staleness = staleness
        let maximum = staleness.maximum ?? 0
        switch source {
        case .empirical:
            let total = Double(staleness.total)
            return staleness.counts.map { Double($0) / total }
        case .fittedNormal:
            let normal = analysis.fittedNormal
            let upper = max(maximum, Int((normal.mean + 6 * normal.sigma).rounded(.up)))
            return normal.probabilitiesOfNonNegativeValues(upTo: upper)
        }
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
            throw .notADistributionFile(path: path)
        }
        guard version.formatVersion == formatVersion else {
            throw .unsupportedVersion(path: path, found: version.formatVersion)
        }
        let file: DistributionFile
        do { file = try decoder.decode(DistributionFile.self, from: data) } catch let error as DecodingError {
            throw .malformed(path: path, detail: describe(error))
        } catch {
            throw .malformed(path: path, detail: "\(error)")
        }
        for (key, count) in file.histogram {
            guard let value = Int(key), value >= 0 else {
                throw .malformed(path: path, detail: "histogram key '\(key)' is not a non-negative integer")
            }
            guard count >= 0 else {
                throw .malformed(path: path, detail: "histogram count \(count) for value \(value) is negative")
            }
        }
        guard file.histogram.values.reduce(0, +) > 0 else {
            throw .malformed(path: path, detail: "the histogram holds no observations")
        }
        return file
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
