/// Submission order replayed from a simulator trace: the worker ids in arrival order.
final class RecordedSubmissionOrder: SubmissionOrder {
    let workers: Int
    private let sequence: [Int32]
    private var position = 0

    /// - Precondition: every id is in `0..<workers` and the sequence is long enough for the run
    ///   (``WorkerEmulation`` checks both).
    init(workers: Int, sequence: [Int32]) {
        self.workers = workers
        self.sequence = sequence
    }

    func activate(_ count: Int) {}

    func nextWorker() -> Int {
        defer { position += 1 }
        return Int(sequence[position])
    }
}
