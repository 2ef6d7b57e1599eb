import Foundation
import ResultFiles

/// Writes every recorded gradient to a CSV trace file for replay by the trainer.
///
/// Format: a header line `arrival,worker,staleness`, then one line per gradient in arrival order:
/// the server's 0-based update number (it counts the warm-up, so the first row has
/// `warmupPerWorker × N`), the submitting worker's id (0-based) and its staleness. The rows go to a
/// temporary file beside the target, which ``finish()`` renames into place: a trace that is not
/// complete is never left under the target name.
public final class StalenessTraceWriter: ArrivalObserver {
    private static let bufferSize = 1 << 16
    private static let header = "arrival,worker,staleness\n"

    private let target: URL
    private let temporary: URL
    private let descriptor: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private var used = 0
    private var finished = false

    /// Opens a trace that will be published at `url` by ``finish()``.
    /// - Throws: `OutputError.cannotWrite` when the directory cannot be created or the file opened.
    public init(url: URL) throws(OutputError) {
        target = url
        temporary = try AtomicFile.stage(url)
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        buffer = .allocate(capacity: Self.bufferSize)
        for byte in Self.header.utf8 { buffer[used] = byte; used += 1 }
    }

    deinit {
        if !finished {
            close(descriptor)
            unlink(temporary.path)
        }
        buffer.deallocate()
    }

    /// Appends one gradient's row.
    @inline(__always)
    public func record(arrival: Int, worker: Int, staleness: Int) throws(OutputError) {
        // Three integers of at most 20 digits plus separators fit in 64 bytes.
        if used &+ 64 > Self.bufferSize { try flush() }
        append(arrival)
        buffer[used] = UInt8(ascii: ","); used &+= 1
        append(worker)
        buffer[used] = UInt8(ascii: ","); used &+= 1
        append(staleness)
        buffer[used] = UInt8(ascii: "\n"); used &+= 1
    }

    /// Writes what is buffered, closes the file and renames it to the target name.
    /// - Throws: `OutputError.cannotWrite` when writing or renaming fails; the partial file is removed.
    public func finish() throws(OutputError) {
        try flush()
        finished = true
        guard close(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .cannotWrite(path: target.path, reason: reason)
        }
        try AtomicFile.publish(temporary, as: target)
    }

    @inline(__always)
    private func append(_ value: Int) {
        // Digits are produced backwards into a small scratch area, then copied in order.
        var remaining = UInt(bitPattern: value)
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[count] = UInt8(truncatingIfNeeded: remaining % 10) &+ UInt8(ascii: "0")
                remaining /= 10
                count &+= 1
            } while remaining > 0
            for index in 0..<count { buffer[used &+ index] = scratch[count &- 1 &- index] }
        }
        used &+= count
    }

    private func flush() throws(OutputError) {
        var offset = 0
        while offset < used {
            let written = write(descriptor, buffer + offset, used - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: target.path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        used = 0
    }
}
