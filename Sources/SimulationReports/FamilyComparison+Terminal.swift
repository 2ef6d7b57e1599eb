import Foundation
import StalenessSimulation

extension FamilyComparison {
    /// The ranked table: parameters ± standard errors, log-likelihood, AIC, BIC, ΔBIC, χ² p-value
    /// and KS distance; the best family by BIC is marked with `*`.
    public var terminalText: String {
        var lines = ["  families by maximum likelihood, ranked by BIC (* best):",
                     "    family                          shift  parameters ± standard errors                   log L           AIC           BIC     ΔBIC   χ² p      KS"]
        let bestBIC = fits.first?.bic ?? 0
        for fit in fits {
            let parameters = zip(fit.family.parameterNames, zip(fit.parameters, fit.standardErrors)).map { name, value in
                String(format: "%@ %.4g", name, value.0) + (value.1.map { String(format: " ± %.2g", $0) } ?? "")
            }.joined(separator: "  ")
            let mark = fit == best ? "*" : " "
            let p = fit.pValue.map { String(format: "%.3g", $0) } ?? "n/a"
            lines.append("  " + mark + " " + fit.label.padding(toLength: 30, withPad: " ", startingAt: 0)
                         + String(format: " %6d  ", fit.shift)
                         + parameters.padding(toLength: 44, withPad: " ", startingAt: 0)
                         + String(format: " %14.2f %13.2f %13.2f %8.2f", fit.logLikelihood, fit.aic, fit.bic, fit.bic - bestBIC)
                         + "   " + p.padding(toLength: 8, withPad: " ", startingAt: 0)
                         + String(format: " %.5f", fit.kolmogorovSmirnovDistance))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
