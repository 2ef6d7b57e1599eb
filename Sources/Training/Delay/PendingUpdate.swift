/// A gradient a delay model hands to the server at one step.
struct PendingUpdate {
    /// The gradient; the server may modify it in place (clipping, delay compensation).
    var gradient: UnsafeMutableBufferPointer<Float>
    /// The parameters the gradient was computed on (nil when they are not kept: no delay
    /// compensation requested, or they equal the current parameters).
    var staleParameters: UnsafeBufferPointer<Float>?
    /// Server updates between the read of those parameters and this update.
    var staleness: Int
    /// Loss and accuracy of the gradient's batch.
    var outcome: BatchOutcome
    /// The worker that sent it (0 unless workers are emulated).
    var worker: Int = 0
}
