/// The distribution of one worker's compute time for one gradient, in units of the mean compute time.
///
/// Every model has mean 1 (staleness counts updates, so it does not change when all times are scaled
/// by one constant: the mean carries no information) and, except `exponential`, standard deviation
/// `sigma`. `sigma == 0` makes every model but `exponential` the constant 1.
public enum WorkerTimeModel: Sendable, Equatable, Hashable {
    /// N(1, σ²), the study's model. Draws ≤ 0 are discarded and redrawn, so the distribution is the
    /// normal truncated to (0, ∞); its mean and sd differ from 1 and σ by less than 10⁻⁶ for σ ≤ 0.2
    /// and visibly only for σ ≳ 0.4.
    case normal(sigma: Double)
    /// exp(Y) with Y ~ N(ζ, s²), s² = ln(1 + σ²), ζ = −s²/2: mean 1, sd σ.
    case lognormal(sigma: Double)
    /// Exponential with mean 1 (and therefore sd 1): memoryless workers.
    case exponential
    /// (1 − σ) + Exp(mean σ): mean 1, sd σ, never shorter than 1 − σ. Requires σ ≤ 1.
    case shiftedExponential(sigma: Double)
    /// Gamma with shape 1/σ² and scale σ²: mean 1, sd σ.
    case gamma(sigma: Double)
    /// Uniform on [1 − √3 σ, 1 + √3 σ]: mean 1, sd σ. Requires σ < 1/√3 so times stay positive.
    case uniform(sigma: Double)

    /// The study's model, and the one every command uses when none is given: N(1, 0.2²).
    public static let studyDefault = WorkerTimeModel.normal(sigma: 0.2)

    /// The names accepted by ``init(name:sigma:)``, in the order the CLI lists them.
    public static let names = ["normal", "lognormal", "exponential", "shifted-exponential", "gamma", "uniform"]

    /// The largest σ accepted (except by `exponential`, which ignores it). Beyond it the draws span
    /// so many orders of magnitude (a normal truncated at 0 becomes a half-normal of mean ≈ 0.8σ, a
    /// gamma of shape 1/σ² underflows to 0) that the event simulation degenerates: its cost would
    /// follow σ rather than the number of gradients asked for.
    public static let maximumSigma = 10.0

    /// Creates the model called `name` (one of ``names``) with spread `sigma`.
    /// - Throws: ``SimulationInputError`` when the name is unknown or `sigma` is negative, not finite,
    ///   above ``maximumSigma`` or outside the model's range.
    public init(name: String, sigma: Double) throws(SimulationInputError) {
        guard sigma.isFinite, sigma >= 0 else { throw .invalidSigma(sigma) }
        guard sigma <= Self.maximumSigma || name == "exponential" else {
            throw .sigmaOutOfRange(model: name, sigma: sigma, limit: "σ ≤ \(Int(Self.maximumSigma))")
        }
        switch name {
        case "normal": self = .normal(sigma: sigma)
        case "lognormal": self = .lognormal(sigma: sigma)
        case "exponential": self = .exponential
        case "shifted-exponential":
            guard sigma <= 1 else { throw .sigmaOutOfRange(model: name, sigma: sigma, limit: "σ ≤ 1") }
            self = .shiftedExponential(sigma: sigma)
        case "gamma": self = .gamma(sigma: sigma)
        case "uniform":
            guard sigma < 1 / 3.0.squareRoot() else {
                throw .sigmaOutOfRange(model: name, sigma: sigma, limit: "σ < 1/√3 ≈ 0.577")
            }
            self = .uniform(sigma: sigma)
        default: throw .unknownModel(name)
        }
    }

    /// The model's name as the CLI spells it.
    public var name: String {
        switch self {
        case .normal: "normal"
        case .lognormal: "lognormal"
        case .exponential: "exponential"
        case .shiftedExponential: "shifted-exponential"
        case .gamma: "gamma"
        case .uniform: "uniform"
        }
    }

    /// The standard deviation of a compute time (σ, or 1 for `exponential`), before truncation.
    public var standardDeviation: Double {
        switch self {
        case let .normal(sigma), let .lognormal(sigma), let .shiftedExponential(sigma), let .gamma(sigma),
             let .uniform(sigma):
            sigma
        case .exponential: 1
        }
    }
}
