extension Remedies.StalenessScaling: LosslessStringConvertible {
    /// Reads `none`, `inverse`, `capped:C` or `poly:a`; nil for anything else (values are checked
    /// by ``Remedies/validate(epochs:)``).
    public init?(_ description: String) {
        if description == "none" { self = .none; return }
        if description == "inverse" { self = .inverse; return }
        let parts = description.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let value = Double(parts[1]) else { return nil }
        switch parts[0] {
        case "capped": self = .capped(c: value)
        case "poly": self = .polynomial(a: value)
        default: return nil
        }
    }

    /// Parses like ``init(_:)`` but names the problem.
    /// - Throws: `TrainingError.invalidConfiguration` listing the accepted forms.
    public init(parsing text: String) throws(TrainingError) {
        guard let scaling = Self(text) else {
            throw .invalidConfiguration(
                "staleness learning rate must be none, inverse, capped:C (η·min(1, C/τ)) or poly:a (η·(1+τ)^−a), got \(text)")
        }
        self = scaling
    }

    /// The text form.
    public var description: String {
        switch self {
        case .none: "none"
        case .inverse: "inverse"
        case let .capped(c): "capped:\(c)"
        case let .polynomial(a): "poly:\(a)"
        }
    }
}
