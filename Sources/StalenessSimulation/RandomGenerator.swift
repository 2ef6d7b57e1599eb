import CGSL

/// A seeded GSL Mersenne-Twister generator (`gsl_rng_mt19937`) that owns its C state.
///
/// One generator belongs to one run: it is not thread-safe, and copying the reference shares the
/// stream. Same seed ⇒ same sequence, on every machine.
public final class RandomGenerator {
    /// The underlying GSL generator, for calling GSL samplers directly. Valid while `self` lives.
    public let pointer: UnsafeMutablePointer<gsl_rng>
    /// The seed this generator started from.
    public let seed: UInt64

    /// Creates a generator seeded with `seed` (GSL takes the low bits of an `unsigned long`;
    /// seed 0 is replaced by GSL's default seed 4357, as `gsl_rng_set` documents).
    public init(seed: UInt64) {
        guard let rng = gsl_rng_alloc(staleness_rng_mt19937()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        pointer = rng
        self.seed = seed
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(pointer) }

    /// A uniform draw in [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(pointer) }

    /// A uniform draw in (0, 1), never 0.
    @inlinable public func uniformPositive() -> Double { gsl_rng_uniform_pos(pointer) }

    /// A uniform integer in 0..<n. - Precondition: `n > 0`.
    @inlinable public func integer(below n: Int) -> Int {
        Int(gsl_rng_uniform_int(pointer, UInt(n)))
    }

    /// A draw from N(mean, sd²) by GSL's ziggurat method.
    @inlinable public func gaussian(mean: Double = 0, sd: Double) -> Double {
        mean + gsl_ran_gaussian_ziggurat(pointer, sd)
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
        RandomGenerator(seed: UInt64(gsl_rng_get(pointer)) &* 0x9E37_79B9_7F4A_7C15 ^ seed)
    }
}
