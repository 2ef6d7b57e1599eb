/// An optimizer over one flat parameter vector, with PyTorch's update rules.
///
/// Implementations preallocate their state for a fixed parameter count and update in place with
/// one loop per step, allocating nothing. They are not thread-safe: each run owns its optimizer.
public protocol Optimizer: AnyObject {
    /// The length of the parameter vectors this optimizer updates.
    var parameterCount: Int { get }

    /// Applies one update in place using `gradient` and learning rate `learningRate`.
    /// - Precondition: `parameters` and `gradient` both hold `parameterCount` values.
    func step(parameters: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
              learningRate: Float)
}

extension Optimizer {
    /// Checks the buffer lengths once per step (not per element).
    func checkSizes(_ parameters: UnsafeMutableBufferPointer<Float>, _ gradient: UnsafeBufferPointer<Float>) {
        precondition(parameters.count == parameterCount && gradient.count == parameterCount,
                     "optimizer built for \(parameterCount) parameters got \(parameters.count) and \(gradient.count) gradients")
    }
}

/// A zero-filled buffer of optimizer state, owned by the optimizer that allocates it.
func allocateState(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
    let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
    buffer.initialize(repeating: 0)
    return buffer
}

/// √x for x ≥ 0, in a form the loop vectorizer accepts. On Linux, `Float.squareRoot()` becomes a
/// call to glibc's `sqrtf` on its negative-input path (to set `errno`), which keeps the whole loop
/// scalar; with the argument clamped at 0 the compiler knows that path is dead and emits `sqrtps`.
/// NaN still propagates (`max(.nan, 0)` is NaN), so a diverged run stays visibly diverged.
@inline(__always)
func nonNegativeSquareRoot(_ x: Float) -> Float {
    max(x, 0).squareRoot()
}
