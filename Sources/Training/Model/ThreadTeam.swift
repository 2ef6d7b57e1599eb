import Dispatch
import Foundation
import Synchronization

/// A fixed team of threads that runs numbered tasks 0..<size in parallel, the caller taking task 0.
///
/// The helper threads live as long as the team. Between calls a helper first spins for a short
/// while (`spinLimit`) watching for the next call, then sleeps on its semaphore; the caller waits
/// for the helpers the same way. Training calls come every millisecond or so, with a few tens of
/// microseconds of serial work between them (optimizer step, next batch), so the helpers are
/// usually still spinning when the next call comes and no thread has to be woken from sleep, which
/// costs tens of microseconds on a virtual machine. Every signal of a semaphore is matched by one
/// wait, whether or not the waiter slept. (`DispatchQueue.concurrentPerform` was not used: on Linux
/// it may run every iteration on the calling thread.) One call at a time.
final class ThreadTeam {
    /// Number of tasks each `run` executes (the caller plus `size − 1` helper threads).
    let size: Int
    /// How long a waiting thread spins before it sleeps.
    static let spinLimit = Duration.microseconds(200)
    private let shared: Shared

    /// What the caller and the helpers share. `generation` (release on the caller's side, acquire
    /// on the helpers') publishes `task`; `remaining` (release/acquire the other way) publishes
    /// the tasks' results.
    private final class Shared: @unchecked Sendable {
        let start: [DispatchSemaphore]
        let finished = DispatchSemaphore(value: 0)
        /// Calls started so far.
        let generation = Atomic<Int>(0)
        /// Helpers still running the current call.
        let remaining = Atomic<Int>(0)
        var task: ((Int) -> Void)?
        var stopping = false

        init(helpers: Int) { start = (0..<helpers).map { _ in DispatchSemaphore(value: 0) } }

        func serve(_ index: Int) {
            var seen = 0
            while true {
                ThreadTeam.spin { generation.load(ordering: .acquiring) != seen }
                start[index - 1].wait()
                if stopping { return }
                seen = generation.load(ordering: .acquiring)
                task?(index)
                remaining.subtract(1, ordering: .releasing)
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
        shared.generation.add(1, ordering: .releasing)
        for semaphore in shared.start { semaphore.signal() }
    }

    /// Runs `task(0)` on the calling thread and `task(1)`…`task(size − 1)` on the helpers, and
    /// returns when all have finished.
    func run(_ task: (Int) -> Void) {
        guard size > 1 else { return task(0) }
        withoutActuallyEscaping(task) { task in
            shared.task = task
            shared.remaining.store(size - 1, ordering: .relaxed)
            shared.generation.add(1, ordering: .releasing)
            for semaphore in shared.start { semaphore.signal() }
            task(0)
            Self.spin { shared.remaining.load(ordering: .acquiring) == 0 }
            for _ in 1..<size { shared.finished.wait() }
            shared.task = nil
        }
    }

    /// Returns once `done()` holds or `spinLimit` has passed, whichever comes first (the clock is
    /// read every 64 checks).
    private static func spin(until done: () -> Bool) {
        let deadline = ContinuousClock.now + spinLimit
        var checks = 0
        while !done() {
            checks += 1
            if checks % 64 == 0 && ContinuousClock.now >= deadline { return }
        }
    }
}
