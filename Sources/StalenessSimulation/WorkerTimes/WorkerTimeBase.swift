/// Fixed heterogeneous compute times of the recent asynchronous-SGD literature (e.g. Maranjyan,
/// Tyurin & Richtárik 2025): worker i's mean compute time before any random draw.
///
/// The base multiplies every draw of the ``WorkerTimeModel`` (and the slow-worker factor), so
/// `sqrt` with `normal` σ = 0 is the fixed √(i+1) cluster and `sqrt` with `normal` σ = 0.2 is
/// √(i+1) × N(1, 0.2²).
public enum WorkerTimeBase: String, Codable, Hashable, Sendable, CaseIterable, LosslessStringConvertible {
    /// Every worker has mean time 1.
    case equal
    /// Worker i (0-based) takes √(i+1).
    case sqrt
    /// Worker i (0-based) takes i+1.
    case linear

    /// Reads `equal`, `sqrt` or `linear`; nil for anything else.
    public init?(_ description: String) { self.init(rawValue: description) }

    /// The name as the CLI spells it.
    public var description: String { rawValue }

    /// The base time of worker `worker` (0-based).
    public func time(of worker: Int) -> Double {
        switch self {
        case .equal: 1
        case .sqrt: Double(worker + 1).squareRoot()
        case .linear: Double(worker + 1)
        }
    }
}
