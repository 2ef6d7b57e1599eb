import Foundation
import StalenessSimulation

extension ClusterCalibration {
    /// The ranked models, the best σ with its uncertainty, the comparison with the best family and
    /// the verdict.
    public var terminalText: String {
        var lines = [String(format: "calibration of %@: %d values, mean %.4f, sd %.4f", source, observations, mean, standardDeviation)]
        lines.append("  workers N = \(workers)" + (workersEstimated ? " (estimated from the mean: staleness ≈ N − 1; give --workers if known)" : ""))
        lines.append("  distance: Wasserstein-1 between observed and simulated staleness (updates), \(gradients) simulated arrivals, seed \(seed)")
        lines.append("    model                   σ        distance")
        for (index, fit) in models.enumerated() {
            lines.append((index == 0 ? "  * " : "    ") + fit.model.padding(toLength: 20, withPad: " ", startingAt: 0)
                         + String(format: " %8.4f   %10.5f", fit.sigma, fit.distance))
        }
        if let error = sigmaStandardError {
            lines.append(String(format: "  best: %@ σ = %.4f ± %.4f (sd over %d bootstrap refits)", best.model, best.sigma, error, repeats))
        } else {
            lines.append("  best: \(best.model)" + (best.model == "exponential" ? "" : String(format: " σ = %.4f", best.sigma)))
        }
        if let bestFamily, let familyDistance {
            lines.append(String(format: "  best family by BIC: %@, distance %.5f (calibrated simulator %.5f)", bestFamily, familyDistance, best.distance))
        }
        lines.append(isPoorFit
            ? String(format: "  POOR FIT: the best distance is %.3f sd of the log (> %.2f): no worker-time model explains this log", relativeDistance, Self.poorFitThreshold)
            : String(format: "  good fit: the best distance is %.4f sd of the log (≤ %.2f)", relativeDistance, Self.poorFitThreshold))
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ClusterCalibration {
    /// The line `simulate --calibration` prints before extrapolating to `workers`: what was
    /// calibrated on what, and the log's own statistics at the calibrated N for comparison.
    public func extrapolationText(workers: [Int]) -> String {
        String(format: "calibrated cluster of %@: %@ (log at N = %d: mean %.3f, sd %.3f%@); simulating N = %@\n",
               source, clusterDescription, self.workers, mean, standardDeviation,
               workersEstimated ? ", N estimated from the mean" : "",
               workers.map(String.init).joined(separator: ", "))
    }
}
