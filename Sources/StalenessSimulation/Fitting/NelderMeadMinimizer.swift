import CGSL

/// Minimises a function of a few variables with GSL's Nelder–Mead simplex (`nmsimplex2`), which
/// needs no derivatives: the likelihoods fitted here are sums of CDF differences.
enum NelderMeadMinimizer {
    private final class Objective {
        let function: ([Double]) -> Double
        init(_ function: @escaping ([Double]) -> Double) { self.function = function }
    }

    /// The minimiser of `function` from `start`, with initial steps `steps`; stops when the simplex
    /// size falls below `tolerance` or after `iterations` steps. Non-finite values count as +∞.
    static func minimize(_ function: @escaping ([Double]) -> Double, start: [Double], steps: [Double],
                         tolerance: Double = 1e-9, iterations: Int = 5_000) -> (point: [Double], value: Double) {
        let n = start.count
        let objective = Objective(function)
        let context = Unmanaged.passRetained(objective)
        defer { context.release() }
        var callback = gsl_multimin_function(
            f: { vector, parameters in
                guard let vector, let parameters else { return .infinity }
                let objective = Unmanaged<Objective>.fromOpaque(parameters).takeUnretainedValue()
                let point = (0..<Int(vector.pointee.size)).map { gsl_vector_get(vector, $0) }
                let value = objective.function(point)
                return value.isFinite ? value : .greatestFiniteMagnitude
            },
            n: n,
            params: context.toOpaque())
        let x = gsl_vector_alloc(n)!, step = gsl_vector_alloc(n)!
        defer { gsl_vector_free(x); gsl_vector_free(step) }
        for i in 0..<n {
            gsl_vector_set(x, i, start[i])
            gsl_vector_set(step, i, steps[i])
        }
        let minimizer = gsl_multimin_fminimizer_alloc(staleness_multimin_nmsimplex2(), n)!
        defer { gsl_multimin_fminimizer_free(minimizer) }
        gsl_multimin_fminimizer_set(minimizer, &callback, x, step)
        for _ in 0..<iterations {
            guard gsl_multimin_fminimizer_iterate(minimizer) == GSL_SUCCESS else { break }
            if gsl_multimin_test_size(gsl_multimin_fminimizer_size(minimizer), tolerance) == GSL_SUCCESS { break }
        }
        let point = (0..<n).map { gsl_vector_get(minimizer.pointee.x, $0) }
        return (point, minimizer.pointee.fval)
    }
}
