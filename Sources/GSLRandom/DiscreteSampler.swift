import CGSL

/// Draws integers 0…K−1 with given probabilities, by GSL's Walker alias method
/// (`gsl_ran_discrete`), from its own seeded generator.
public final class DiscreteSampler {
    private let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    private let generator: RandomGenerator
    private let constantValue: Int?

    /// A sampler of `probabilities` (weights: GSL normalises them), seeded with `seed`.
    /// - Precondition: `probabilities` is non-empty, finite, non-negative with a positive sum (callers
    ///   validate their distributions before building a sampler).
    public init(probabilities: [Double], seed: UInt64) {
        precondition(!probabilities.isEmpty && probabilities.allSatisfy { $0.isFinite && $0 >= 0 }
                     && probabilities.contains { $0 > 0 }, "DiscreteSampler needs finite non-negative weights with a positive sum")
        generator = RandomGenerator(seed: seed)
        guard let table = gsl_ran_discrete_preproc(probabilities.count, probabilities) else {
            fatalError("gsl_ran_discrete_preproc failed on a validated distribution")
        }
        self.table = table
        let support = probabilities.indices.filter { probabilities[$0] > 0 }
        constantValue = support.count == 1 ? support[0] : nil
    }

    deinit { gsl_ran_discrete_free(table) }

    /// The next draw. A one-point distribution returns its point without consuming randomness.
    public func next() -> Int {
        if let constantValue { return constantValue }
        return Int(gsl_ran_discrete(generator.state, table))
    }
}
