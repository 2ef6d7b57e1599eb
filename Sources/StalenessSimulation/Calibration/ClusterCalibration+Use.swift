extension ClusterCalibration {
    /// Why a calibration cannot be used together with other worker-time options.
    public enum CombinationError: Error, Equatable, Sendable, CustomStringConvertible {
        /// A model or σ was given beside the calibration, which sets both.
        case modelGiven
        /// Slow workers, stragglers or base times were given beside a calibration that brings its own.
        case heterogeneityGiven(calibrated: String)

        public var description: String {
            switch self {
            case .modelGiven:
                "--calibration sets the model and σ; give --calibration or --model/--sigma, not both"
            case let .heterogeneityGiven(calibrated):
                "the calibration brings its slow workers and stragglers (\(calibrated)); "
                    + "give no --slow-*, --straggler-* or --worker-times with it"
            }
        }
    }

    /// Refuses a model or σ given beside a calibration (which sets both); checked before the
    /// calibration file is read.
    /// - Throws: ``CombinationError/modelGiven`` when `given`.
    public static func checkModel(given: Bool) throws(CombinationError) {
        guard !given else { throw .modelGiven }
    }

    /// The cluster to simulate with this calibration: its best model and σ, and its slow workers and
    /// stragglers when it has some, else `given` (the command's own). `simulate`, `train` and `sweep`
    /// all resolve a `--calibration` through this and ``checkModel(given:)``.
    /// - Throws: ``CombinationError/heterogeneityGiven(calibrated:)`` when the calibration has
    ///   heterogeneity and `given` is not ``WorkerHeterogeneity/none``.
    public func cluster(heterogeneity given: WorkerHeterogeneity)
        throws(CombinationError) -> (model: String, sigma: Double, heterogeneity: WorkerHeterogeneity) {
        guard let calibrated = heterogeneity else { return (best.model, best.sigma, given) }
        guard given == .none else { throw .heterogeneityGiven(calibrated: calibrated.summary) }
        return (best.model, best.sigma, calibrated)
    }
}
