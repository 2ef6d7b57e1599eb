import Foundation

/// A staleness distribution from any of the places the toolkit reads or writes one: a log (as
/// `fit` reads it), a distribution file, a trace (`simulate --trace`, `train --staleness-log`) or a
/// calibration file (its calibrated simulator, rerun as `calibrate` ran it).
public struct StalenessSource: Sendable, Equatable {
    /// What the source was read as.
    public enum Kind: String, Sendable, Equatable, Codable {
        case log, distribution, trace, calibration
    }

    /// The path as given.
    public var path: String
    /// What the file was read as.
    public var kind: Kind
    /// A one-line description, e.g. `calibration: gamma σ = 0.4012 at N = 16, 200000 simulated`.
    public var detail: String
    /// The staleness values.
    public var histogram: StalenessHistogram

    /// The header name of a trace's staleness column.
    public static let traceColumn = "staleness"

    /// Creates a source from values already at hand.
    public init(path: String, kind: Kind, detail: String, histogram: StalenessHistogram) {
        self.path = path
        self.kind = kind
        self.detail = detail
        self.histogram = histogram
    }

    /// Reads `path`, recognised by its content: a JSON object is a calibration file (it has
    /// `models`) or a distribution file; anything else is a log read by ``UpdateCountFile`` (`-` is
    /// standard input), of which only the `staleness` column is read when its header has one (a
    /// trace), and all columns pooled otherwise.
    /// - Throws: the reader's error (``UpdateCountFileError``, ``DistributionFileError``,
    ///   ``CalibrationFileError``), one line naming the file.
    public static func load(path: String) throws -> StalenessSource {
        if path != "-", Self.isJSON(path) {
            let url = URL(fileURLWithPath: path)
            if Self.hasModels(url) {
                let calibration = try ClusterCalibration.load(from: url)
                let histogram = StalenessSimulator.run(try calibration.simulation())
                return StalenessSource(path: path, kind: .calibration, detail: calibration.clusterDescription
                                       + ", \(calibration.gradients) simulated", histogram: histogram)
            }
            let file = try DistributionFile.load(from: url)
            let origin = file.simulation.map { "simulated N = \($0.workers), \($0.model) σ = \($0.sigma)" }
                ?? "fitted to \(file.source)"
            return StalenessSource(path: path, kind: .distribution, detail: "distribution file (\(origin))",
                                   histogram: file.staleness)
        }
        let log = try UpdateCountFile.read(path: path, preferredColumn: traceColumn)
        let isTrace = log.columns.count == 1 && log.columns[0].name == traceColumn && !log.isHistogram
        let detail = isTrace ? "trace (column \(traceColumn))"
            : log.isHistogram ? "log (value,count histogram)"
            : log.columns.count > 1 ? "log (\(log.columns.count) columns pooled)" : "log"
        return StalenessSource(path: path, kind: isTrace ? .trace : .log, detail: detail, histogram: log.pooled)
    }

    /// Whether the first non-blank byte of the file is `{`; false when it cannot be read (the log
    /// reader then reports why).
    private static func isJSON(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let bytes = try? handle.read(upToCount: 4096) else { return false }
        return bytes.first { ![0x20, 0x09, 0x0a, 0x0d].contains($0) } == UInt8(ascii: "{")
    }

    /// Whether the JSON object at `url` has a `models` field (calibration files do).
    private static func hasModels(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return false }
        return object["models"] != nil
    }
}
