import Dispatch
import Foundation

/// A fixed team of threads that runs numbered tasks 0..<size in parallel, the caller taking task 0.
///
/// The helper threads live as long as the team and sleep on semaphores between calls, so a call
/// costs two wake-ups instead of thread creation. (`DispatchQueue.concurrentPerform` was not used:
/// on Linux it may run every iteration on the calling thread.) One call at a time.
final class ThreadTeam {
    /// Number of tasks each `run` executes (the caller plus `size − 1` helper threads).
    let size: Int
    private let shared: Shared

    /// What the caller and the helpers share. The semaphores order every access to `task`.
    private final class Shared: @unchecked Sendable {
        let start: [DispatchSemaphore]
        let finished = DispatchSemaphore(value: 0)
        var task: ((Int) -> Void)?
        var stopping = false

        init(helpers: Int) { start = (0..<helpers).map { _ in DispatchSemaphore(value: 0) } }

        func serve(_ index: Int) {
            while true {
                start[index - 1].wait()
                if stopping { return }
                task?(index)
                finished.signal()
            }
        }
    }

    /// A team running `size` tasks per call. - Precondition: `size >= 1`.
    init(size: Int) {
        precondition(size >= 1)
        self.size = size
        shared = Shared(helpers: size - 1)
        for index in 1..<size {
            let shared = self.shared
            let thread = Thread { shared.serve(index) }
            thread.name = "LeNet5 share \(index)"
            thread.start()
        }
    }

    deinit {
        shared.stopping = true
        for semaphore in shared.start { semaphore.signal() }
    }

    /// Runs `task(0)` on the calling thread and `task(1)`…`task(size − 1)` on the helpers, and
    /// returns when all have finished.
    func run(_ task: (Int) -> Void) {
        guard size > 1 else { return task(0) }
        withoutActuallyEscaping(task) { task in
            shared.task = task
            for semaphore in shared.start { semaphore.signal() }
            task(0)
            for _ in 1..<size { shared.finished.wait() }
            shared.task = nil
        }
    }
}
