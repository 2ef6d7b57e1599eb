import Dispatch
import Synchronization

/// Every ``CountFamily`` fitted to one histogram by maximum likelihood, plus the moment and
/// least-squares normal curves, ranked by BIC (smallest first).
public struct FamilyComparison: Sendable, Equatable, Hashable, Codable {
    /// The fits, best BIC first.
    public var fits: [CountFamilyFit]

    /// Fits every family to `histogram`; `analysis` supplies the moment and least-squares normals.
    /// The families are fitted concurrently (each fit is independent and owns its minimiser).
    public init(histogram: StalenessHistogram, analysis: StalenessAnalysis) {
        let families = CountFamily.allCases
        let results = Mutex([CountFamilyFit?](repeating: nil, count: families.count))
        DispatchQueue.concurrentPerform(iterations: families.count) { index in
            let fit = CountFamilyFit(families[index], histogram: histogram)
            results.withLock { $0[index] = fit }
        }
        var fits = results.withLock { $0.compactMap { $0 } }
        fits.append(CountFamilyFit(normal: analysis.fittedNormal, method: .moments, histogram: histogram))
        if let curve = analysis.leastSquares, curve.sigma > 0 {
            fits.append(CountFamilyFit(normal: DiscretisedNormal(mean: curve.mean, sigma: curve.sigma),
                                       method: .leastSquares, histogram: histogram))
        }
        self.fits = fits.sorted { $0.bic < $1.bic }
    }

    /// The maximum-likelihood fit with the smallest BIC.
    public var best: CountFamilyFit? { fits.first { $0.method == .maximumLikelihood } }

    /// The maximum-likelihood fit of `family`, if it converged.
    public func fit(_ family: CountFamily) -> CountFamilyFit? {
        fits.first { $0.family == family && $0.method == .maximumLikelihood }
    }
}
