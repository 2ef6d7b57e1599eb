import CGSL
import StalenessSimulation

/// Draws integers 0…K−1 with given probabilities, by GSL's Walker alias method
/// (`gsl_ran_discrete`), from its own seeded generator.
final class DiscreteSampler {
    private let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    private let generator: RandomGenerator
    private let isConstant: Int?

    /// - Precondition: `probabilities` is non-empty, finite, non-negative with a positive sum
    ///   (``DelayDistribution`` checks this).
    init(probabilities: [Double], seed: UInt64) {
        generator = RandomGenerator(seed: seed)
        guard let table = gsl_ran_discrete_preproc(probabilities.count, probabilities) else {
            fatalError("gsl_ran_discrete_preproc failed on a validated distribution")
        }
        self.table = table
        let support = probabilities.indices.filter { probabilities[$0] > 0 }
        isConstant = support.count == 1 ? support[0] : nil
    }

    deinit { gsl_ran_discrete_free(table) }

    /// The next draw. A one-point distribution returns its point without consuming randomness.
    func next() -> Int {
        if let isConstant { return isConstant }
        return Int(gsl_ran_discrete(generator.pointer, table))
    }
}
