import CGSL

/// Minimises a function of one variable on an interval with GSL's Brent minimiser, given a point
/// inside where the function is lower than at both ends.
enum BrentMinimizer {
    private final class Objective {
        let function: (Double) -> Double
        init(_ function: @escaping (Double) -> Double) { self.function = function }
    }

    /// The minimiser of `function` in (`lower`, `upper`) starting from `guess`, to relative
    /// tolerance `tolerance`; `guess` when GSL cannot start (the bracket condition fails).
    static func minimize(_ function: @escaping (Double) -> Double, guess: Double, lower: Double, upper: Double,
                         tolerance: Double = 1e-3, iterations: Int = 60) -> Double {
        let objective = Objective(function)
        let context = Unmanaged.passRetained(objective)
        defer { context.release() }
        var callback = gsl_function(
            function: { x, parameters in
                guard let parameters else { return .infinity }
                return Unmanaged<Objective>.fromOpaque(parameters).takeUnretainedValue().function(x)
            },
            params: context.toOpaque())
        let minimizer = gsl_min_fminimizer_alloc(staleness_min_brent())!
        defer { gsl_min_fminimizer_free(minimizer) }
        let previous = gsl_set_error_handler_off()
        defer { gsl_set_error_handler(previous) }
        guard gsl_min_fminimizer_set(minimizer, &callback, guess, lower, upper) == GSL_SUCCESS else { return guess }
        for _ in 0..<iterations {
            guard gsl_min_fminimizer_iterate(minimizer) == GSL_SUCCESS else { break }
            let a = gsl_min_fminimizer_x_lower(minimizer), b = gsl_min_fminimizer_x_upper(minimizer)
            if gsl_min_test_interval(a, b, 0, tolerance) == GSL_SUCCESS { break }
        }
        return gsl_min_fminimizer_x_minimum(minimizer)
    }
}
