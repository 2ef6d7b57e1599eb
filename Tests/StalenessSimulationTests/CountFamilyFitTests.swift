import CGSL
import Foundation
import SimulationReports
@testable import StalenessSimulation
import Testing

@Suite struct CountFamilyFitTests {
    /// `n` draws of `family` with `parameters` (and `shift`) from GSL's own samplers.
    static func sample(_ family: CountFamily, _ p: [Double], shift: Int = 0, n: Int = 20_000, seed: UInt64 = 7) -> StalenessHistogram {
        // GSL's own generator and samplers, called directly: independent of the code under test.
        let r = gsl_rng_alloc(staleness_rng_mt19937())!
        defer { gsl_rng_free(r) }
        gsl_rng_set(r, UInt(seed))
        return StalenessHistogram(values: (0..<n).map { _ -> Int in
            switch family {
            case .normal: return max(0, Int((p[0] + gsl_ran_gaussian(r, p[1])).rounded()))
            case .poisson: return shift + Int(gsl_ran_poisson(r, p[0]))
            case .negativeBinomial: return shift + Int(gsl_ran_negative_binomial(r, p[1] / (p[1] + p[0]), p[1]))
            case .gamma: return shift + Int(gsl_ran_gamma(r, p[0], p[1]).rounded(.down))
            case .logNormal: return shift + Int(gsl_ran_lognormal(r, p[0], p[1]).rounded(.down))
            }
        })
    }

    static let cases: [(CountFamily, [Double], Int)] = [
        (.normal, [30, 3], 0),
        (.poisson, [4], 0),
        (.poisson, [3], 10),
        (.negativeBinomial, [10, 2], 0),
        (.gamma, [2, 5], 0),
        (.logNormal, [2, 0.8], 0),
    ]

    /// Each family's maximum-likelihood estimates on its own samples lie within 3 standard errors
    /// of the generating parameters, and the shift is the sample minimum.
    @Test(arguments: cases)
    func recoversTheGeneratingParametersWithinTheirStandardErrors(family: CountFamily, parameters: [Double], shift: Int) throws {
        let histogram = Self.sample(family, parameters, shift: shift)
        let fit = try #require(CountFamilyFit(family, histogram: histogram))
        #expect(fit.shift == (family == .normal ? 0 : histogram.minimum!))
        for (index, truth) in parameters.enumerated() {
            let error = try #require(fit.standardErrors[index])
            #expect(abs(fit.parameters[index] - truth) < 3 * error,
                    "\(family) \(fit.family.parameterNames[index]) = \(fit.parameters[index]) ± \(error), truth \(truth)")
            #expect(error < 0.1 * max(abs(truth), 1))
        }
    }

    /// The Poisson's ML estimate has a closed form, λ̂ = mean − shift with SE √(λ̂/n): the
    /// minimiser and the numerical Hessian must reproduce both.
    @Test func poissonMatchesItsClosedForm() throws {
        let histogram = Self.sample(.poisson, [6], shift: 2, n: 5_000)
        let fit = try #require(CountFamilyFit(.poisson, histogram: histogram))
        let n = Double(histogram.total)
        let mean = histogram.nonZeroBins.reduce(0) { $0 + Double($1.value * $1.count) } / n
        let lambda = mean - Double(fit.shift)
        #expect(abs(fit.parameters[0] - lambda) < 1e-6 * lambda)
        #expect(abs(try #require(fit.standardErrors[0]) - (lambda / n).squareRoot()) < 1e-3 * (lambda / n).squareRoot())
        #expect(fit.parameterCount == 2)
        #expect(abs(fit.bic - (2 * log(n) - 2 * fit.logLikelihood)) < 1e-9 * abs(fit.bic))
    }

    /// On clear cases BIC, and AIC too, rank the generating family first.
    @Test(arguments: [
        (CountFamily.normal, [40.0, 2.0]),
        (.poisson, [4.0]),
        (.negativeBinomial, [10.0, 1.5]),
        (.gamma, [0.6, 20.0]),
        (.logNormal, [2.5, 0.9]),
    ])
    func informationCriteriaPickTheGeneratingFamily(family: CountFamily, parameters: [Double]) throws {
        let histogram = Self.sample(family, parameters, n: 20_000, seed: 11)
        let comparison = FamilyComparison(histogram: histogram, analysis: try StalenessAnalysis(histogram: histogram))
        #expect(comparison.best?.family == family, "\(comparison.terminalText)")
        #expect(comparison.fits.map(\.bic) == comparison.fits.map(\.bic).sorted())
        let byAIC = comparison.fits.filter { $0.method == .maximumLikelihood }.min { $0.aic < $1.aic }
        #expect(byAIC?.family == family, "\(comparison.terminalText)")
    }

    /// Each family's probabilities agree with GSL's own densities and distribution functions.
    @Test func probabilitiesAgreeWithGSL() {
        for j in [0, 1, 5, 30] {
            let x = Double(j)
            #expect(abs(exp(CountFamily.poisson.logProbability(j, [4.5])) - gsl_ran_poisson_pdf(UInt32(j), 4.5)) < 1e-13)
            // GSL's negative binomial counts failures before the r-th success with success probability p = r/(r+m).
            let p = 2.5 / (2.5 + 7.0)
            #expect(abs(exp(CountFamily.negativeBinomial.logProbability(j, [7, 2.5])) - gsl_ran_negative_binomial_pdf(UInt32(j), p, 2.5)) < 1e-13)
            #expect(abs(exp(CountFamily.gamma.logProbability(j, [2, 3])) - (gsl_cdf_gamma_P(x + 1, 2, 3) - gsl_cdf_gamma_P(x, 2, 3))) < 1e-13)
            #expect(abs(exp(CountFamily.logNormal.logProbability(j, [1.5, 0.6]))
                        - (gsl_cdf_lognormal_P(x + 1, 1.5, 0.6) - (j == 0 ? 0 : gsl_cdf_lognormal_P(x, 1.5, 0.6)))) < 1e-13)
        }
        // Far into the Poisson limit the negative binomial is the Poisson.
        #expect(abs(CountFamily.negativeBinomial.logProbability(12, [9, 1e8]) - CountFamily.poisson.logProbability(12, [9])) < 1e-6)
    }

    /// The probabilities used for sampling and the goodness of fit sum to 1 with the tails folded.
    @Test(arguments: CountFamily.allCases)
    func probabilitiesSumToOne(family: CountFamily) throws {
        let histogram = Self.sample(family == .normal ? .normal : .negativeBinomial, family == .normal ? [8, 3] : [8, 3], n: 2_000)
        let fit = try #require(CountFamilyFit(family, histogram: histogram))
        let probabilities = fit.probabilities(upTo: histogram.maximum!)
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-9)
        #expect(probabilities.allSatisfy { $0 >= 0 })
    }
}
