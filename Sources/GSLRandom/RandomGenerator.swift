import CGSL

/// A seeded GSL Mersenne-Twister generator (`gsl_rng_mt19937`) that owns its C state.
///
/// One generator belongs to one run: it is not thread-safe, and copying the reference shares the
/// stream. Same seed ⇒ same sequence, on every machine. Every draw goes through a method here, so no
/// caller holds GSL's pointer; the methods are `@inlinable` so the simulator's inner loop still
/// compiles to one GSL call per draw.
public final class RandomGenerator {
    /// GSL's generator state, valid while `self` lives.
    @usableFromInline let state: UnsafeMutablePointer<gsl_rng>
    /// The seed this generator started from.
    public let seed: UInt64

    /// Creates a generator seeded with `seed` (GSL takes the low bits of an `unsigned long`;
    /// seed 0 is replaced by GSL's default seed 4357, as `gsl_rng_set` documents).
    public init(seed: UInt64) {
        guard let rng = gsl_rng_alloc(staleness_rng_mt19937()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        state = rng
        self.seed = seed
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(state) }

    /// The generator's next raw 32-bit output (`gsl_rng_get`).
    @inlinable public func next() -> UInt64 { UInt64(gsl_rng_get(state)) }

    /// A uniform draw in [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(state) }

    /// A uniform draw in (0, 1), never 0.
    @inlinable public func uniformPositive() -> Double { gsl_rng_uniform_pos(state) }

    /// A uniform integer in 0..<n. - Precondition: `n > 0`.
    @inlinable public func integer(below n: Int) -> Int {
        Int(gsl_rng_uniform_int(state, UInt(n)))
    }

    /// A draw from N(mean, sd²) by GSL's ziggurat method.
    @inlinable public func gaussian(mean: Double = 0, sd: Double) -> Double {
        mean + gsl_ran_gaussian_ziggurat(state, sd)
    }

    /// A draw from the log-normal with log-scale mean `mu` and log-scale sd `sigma` (`gsl_ran_lognormal`).
    @inlinable public func logNormal(mu: Double, sigma: Double) -> Double { gsl_ran_lognormal(state, mu, sigma) }

    /// A draw from the exponential distribution with mean `mean` (`gsl_ran_exponential`).
    @inlinable public func exponential(mean: Double) -> Double { gsl_ran_exponential(state, mean) }

    /// A draw from the gamma distribution with shape `shape` and scale `scale` (`gsl_ran_gamma`).
    @inlinable public func gamma(shape: Double, scale: Double) -> Double { gsl_ran_gamma(state, shape, scale) }

    /// A uniform draw in [lower, upper) (`gsl_ran_flat`).
    @inlinable public func flat(from lower: Double, to upper: Double) -> Double { gsl_ran_flat(state, lower, upper) }

    /// A draw from the Poisson distribution with mean `mean` (`gsl_ran_poisson`).
    @inlinable public func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(state, mean)) }

    /// A draw from the negative binomial: failures before the `n`-th success with success probability `p`
    /// (`gsl_ran_negative_binomial`).
    @inlinable public func negativeBinomial(p: Double, n: Double) -> Int { Int(gsl_ran_negative_binomial(state, p, n)) }

    /// `trials` draws spread over categories with weights `weights` (non-negative, positive sum; GSL
    /// normalises them): the count that fell in each category (`gsl_ran_multinomial`).
    /// - Precondition: `trials` fits in 32 bits (GSL's counter type).
    public func multinomial(trials: Int, weights: [Double]) -> [Int] {
        precondition(trials >= 0 && trials <= Int(UInt32.max), "multinomial trials out of GSL's range")
        var counts = [UInt32](repeating: 0, count: weights.count)
        gsl_ran_multinomial(state, weights.count, UInt32(trials), weights, &counts)
        return counts.map(Int.init)
    }

    /// Shuffles `values` in place (Fisher–Yates with this generator's draws).
    public func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let j = integer(below: i + 1)
            if i != j { values.swapAt(i, j) }
        }
    }

    /// A new generator whose seed is derived from this one's stream, for giving a sub-task
    /// (a worker, a data loader) its own reproducible stream.
    public func split() -> RandomGenerator {
        RandomGenerator(seed: next() &* 0x9E37_79B9_7F4A_7C15 ^ seed)
    }
}
