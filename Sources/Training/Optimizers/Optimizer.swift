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
