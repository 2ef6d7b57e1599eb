import CGSL

/// How many threads OpenBLAS uses for the matrix products of a run.
public enum BLASThreads {
    /// Sets OpenBLAS's thread count. - Precondition: `count >= 1`.
    public static func set(_ count: Int) {
        precondition(count >= 1, "thread count must be at least 1")
        openblas_set_num_threads(Int32(count))
    }

    /// The thread count OpenBLAS currently uses.
    public static var current: Int { Int(openblas_get_num_threads()) }
}
