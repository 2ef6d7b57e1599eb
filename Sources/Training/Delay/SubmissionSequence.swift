/// The order in which emulated workers submit: worker ids in arrival order, from a simulator run or a
/// trace, read front to back.
///
/// With fewer workers active (the worker ramp), arrivals of inactive workers are skipped. In the
/// simulated model each worker's arrival times depend only on its own compute times, so the arrivals
/// of workers `0..<n` taken from a simulation of N workers are a simulation of n workers.
final class SubmissionSequence {
    /// Workers taking part once all have joined.
    let workers: Int
    private var sequence: [Int32]
    private var position = 0
    private let extend: ((Int) -> [Int32])?

    /// - Parameters:
    ///   - extend: given a length, returns a sequence of at least that length whose prefix is
    ///     `sequence` (a longer run of the same simulation); nil for a fixed trace.
    /// - Precondition: every id is in `0..<workers` (``WorkerEmulation`` checks it).
    init(workers: Int, sequence: [Int32], extend: ((Int) -> [Int32])? = nil) {
        self.workers = workers
        self.sequence = sequence
        self.extend = extend
    }

    /// The next worker among `0..<active` to submit, or nil when a fixed trace is exhausted.
    func next(active: Int) -> Int? {
        while true {
            if position == sequence.count {
                guard let extend else { return nil }
                sequence = extend(2 * sequence.count)
            }
            let worker = Int(sequence[position])
            position += 1
            if worker < active { return worker }
        }
    }
}
