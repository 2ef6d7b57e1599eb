/// Submission order from an event simulation of the workers' compute times: the worker with the
/// earliest completion submits next; equal times go to the lower worker id (the simulator's rule).
///
/// Compute times come from `sampleTime(worker)`, drawn in the simulator's order: one per worker at
/// the start (in id order), then one for each worker right after it submits. A linear scan finds the
/// earliest worker; at a few hundred workers that is negligible beside a gradient computation.
final class SimulatedSubmissionOrder: SubmissionOrder {
    let workers: Int
    private var completion: [Double]
    private var active = 0
    private var now = 0.0
    private let sampleTime: (Int) -> Double

    init(workers: Int, sampleTime: @escaping (Int) -> Double) {
        self.workers = workers
        self.sampleTime = sampleTime
        completion = Array(repeating: .infinity, count: workers)
    }

    func activate(_ count: Int) {
        while active < min(count, workers) {
            completion[active] = now + sampleTime(active)
            active += 1
        }
    }

    func nextWorker() -> Int {
        var best = 0
        for i in 1..<active where completion[i] < completion[best] { best = i }
        now = completion[best]
        completion[best] = now + sampleTime(best)
        return best
    }
}
