extension DistributionFile {
    /// How delays are sampled from a distribution file: `fitted` (or `normal`), `empirical`,
    /// `best` or a family name (`poisson`, `negative-binomial`, `gamma`, `log-normal`).
    public enum DelaySource: Sendable, Equatable, Hashable, LosslessStringConvertible {
        /// The moment-fitted normal, discretised to integers (see ``StalenessAnalysis/fittedNormal``).
        case fittedNormal
        /// The observed histogram itself.
        case empirical
        /// The maximum-likelihood family with the smallest BIC (version-2 files).
        case best
        /// One maximum-likelihood family (version-2 files); `.normal` is the ML discretised normal.
        case family(CountFamily)

        /// The accepted spellings, for messages.
        public static let spellings = "fitted, empirical, best, " + CountFamily.allCases.map(\.rawValue).joined(separator: ", ")

        /// Parses `fitted`/`normal`... see the type's summary; nil for anything else.
        public init?(_ description: String) {
            switch description {
            case "fitted": self = .fittedNormal
            case "empirical": self = .empirical
            case "best": self = .best
            default:
                guard let family = CountFamily(rawValue: description) else { return nil }
                self = family == .normal ? .fittedNormal : .family(family)
            }
        }

        public var description: String {
            switch self {
            case .fittedNormal: "fitted"
            case .empirical: "empirical"
            case .best: "best"
            case let .family(family): family.rawValue
            }
        }

        /// Whether sampling needs the maximum-likelihood families (`best` or a family name), which
        /// cost a fit per family; `fitted` and `empirical` need only the histogram and its analysis.
        public var needsFamilies: Bool {
            switch self {
            case .fittedNormal, .empirical: false
            case .best, .family: true
            }
        }

        /// The largest delay ``probabilities(histogram:analysis:families:)`` would return, computed
        /// without allocating (so a caller can refuse a support of 10¹² first); nil where that
        /// returns nil. Not finite for a fit whose mean or σ is not.
        public func reach(histogram: StalenessHistogram, analysis: StalenessAnalysis, families: FamilyComparison?) -> Double? {
            let maximum = Double(histogram.maximum ?? 0)
            switch self {
            case .empirical:
                return maximum
            case .fittedNormal:
                let normal = analysis.fittedNormal
                return max(maximum, (normal.mean + 6 * normal.sigma).rounded(.up))
            case .best, .family:
                let fit: CountFamilyFit? = switch self {
                case let .family(family): families?.fit(family)
                default: families?.best
                }
                guard let fit else { return nil }
                if fit.family == .normal { return max(maximum, (fit.parameters[0] + 6.1 * fit.parameters[1]).rounded(.up)) }
                return Double(fit.upperTail(from: histogram.maximum ?? 0))
            }
        }

        /// Delay probabilities over 0...maximum, summing to 1, for sampling delays like `histogram`.
        ///
        /// `.empirical`: observed frequencies, `maximum` = the largest observed value.
        /// `.fittedNormal`: the discretised moment-fitted normal of `analysis` with the mass below 0
        /// folded into 0 and the mass above `maximum` = max(largest observed, ⌈μ + 6σ⌉) folded into
        /// `maximum`.
        /// `.best`, `.family`: the family's probabilities up to max(largest observed, the family's
        /// 1 − 10⁻⁹ quantile), the rest folded into `maximum`.
        /// - Returns: nil when `families` (nil, or missing the family asked for) cannot answer.
        public func probabilities(histogram: StalenessHistogram, analysis: StalenessAnalysis,
                                  families: FamilyComparison?) -> [Double]? {
            let maximum = histogram.maximum ?? 0
            switch self {
            case .empirical:
                let total = Double(histogram.total)
                return histogram.counts.map { Double($0) / total }
            case .fittedNormal:
                let normal = analysis.fittedNormal
                let upper = max(maximum, Int((normal.mean + 6 * normal.sigma).rounded(.up)))
                return normal.probabilitiesOfNonNegativeValues(upTo: upper)
            case .best, .family:
                let fit: CountFamilyFit? = switch self {
                case let .family(family): families?.fit(family)
                default: families?.best
                }
                guard let fit else { return nil }
                return fit.probabilities(upTo: fit.upperTail(from: maximum))
            }
        }
    }
}
