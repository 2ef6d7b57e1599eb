extension Remedies.StalenessScaling: LosslessStringConvertible {
    /// The forms ``init(parsing:)`` accepts, for help texts and error messages.
    public static let syntax = "none, inverse or capped:C"

    /// Reads `none`, `inverse` or `capped:C` (C a positive number), as `train --staleness-lr` and
    /// `sweep --staleness-lr` take it.
    /// - Throws: `TrainingError.invalidConfiguration` naming the text and the accepted forms.
    public init(parsing text: String) throws(TrainingError) {
        switch text {
        case "none": self = .none
        case "inverse": self = .inverse
        default:
            guard text.hasPrefix("capped:"), let c = Double(text.dropFirst("capped:".count)), c.isFinite, c > 0 else {
                throw .invalidConfiguration("staleness-aware learning rate '\(text)': expected \(Self.syntax)")
            }
            self = .capped(c: c)
        }
    }

    /// Reads the text ``description`` writes; nil where ``init(parsing:)`` throws.
    public init?(_ description: String) {
        guard let value = try? Self(parsing: description) else { return nil }
        self = value
    }

    /// `none`, `inverse` or `capped:C`.
    public var description: String {
        switch self {
        case .none: "none"
        case .inverse: "inverse"
        case let .capped(c): "capped:\(c)"
        }
    }
}

extension Remedies.Compensation {
    /// λ₀ of adaptive DC-ASGD when none is given (the paper's).
    public static let defaultAdaptiveLambda = 2.0
    /// The running-mean factor m of adaptive DC-ASGD when none is given (the paper's).
    public static let defaultAdaptiveMomentum = 0.95
}
