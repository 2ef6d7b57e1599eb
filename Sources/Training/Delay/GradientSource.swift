/// A delay model: decides, at every step, which gradient (if any) the server applies and on which
/// parameters it was computed.
protocol GradientSource: AnyObject {
    /// The update for global step `step` (0-based) of a run at training progress `progress`
    /// (0 at the start, 1 at the end of the ramp; see ``Remedies/rampEpochs``), or nil when the server
    /// applies nothing at this step.
    func next(step: Int, progress: Double, parameters: FloatBuffer) -> PendingUpdate?

    /// Called after the server applied an update, with the new parameters.
    func didApply(parameters: FloatBuffer)

    /// Updates still held at the end of the run that the configuration asks to apply, in order.
    func drain() -> [PendingUpdate]

    /// Bytes held for delayed gradients or parameter snapshots.
    var bufferBytes: Int { get }

    /// The simulated clock's reading of the epoch that just ended (nil when the model has no clock);
    /// the clock's counters restart.
    func endEpoch() -> ClockReading?
}

extension GradientSource {
    /// Delay models without workers have no clock.
    func endEpoch() -> ClockReading? { nil }
}
