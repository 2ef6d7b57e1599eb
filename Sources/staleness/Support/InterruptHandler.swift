import Foundation

/// Handles Ctrl-C (SIGINT) while it lives: runs `cleanup` (marking what was interrupted), flushes the
/// output and exits with status 130, the shell's code for an interrupted command.
final class InterruptHandler {
    private let source: DispatchSourceSignal

    /// Catches SIGINT from now on.
    init(_ cleanup: @escaping @Sendable () -> Void) {
        // Ignored by the default action, so that only the dispatch source sees it.
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "staleness.interrupt"))
        source.setEventHandler {
            cleanup()
            fflush(nil)
            // _exit: the training threads are still running; no teardown should race them.
            _exit(130)
        }
        source.resume()
    }

    /// Stops catching SIGINT (its default action, ending the process, is back).
    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
