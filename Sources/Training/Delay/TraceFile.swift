import Foundation
import ResultFiles

/// A simulator trace (`staleness simulate --trace`) read back for replay: the submitting worker ids
/// in arrival order. Format: header `arrival,worker,staleness`, then one row of integers per gradient.
public struct TraceFile: Sendable {
    /// Worker ids in arrival order.
    public let workerIDs: [Int32]
    /// Workers named in the trace: the largest id + 1.
    public let workers: Int
    /// What a configuration records of this trace: path, content digest and sizes.
    public let reference: TraceReference

    /// Reads and checks the trace at `url`.
    /// - Throws: `TrainingError.invalidConfiguration` naming the file (and line) when it cannot be
    ///   read, lacks the header, has a malformed row or holds no rows.
    public init(contentsOf url: URL) throws(TrainingError) {
        let path = url.path
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            throw .invalidConfiguration("cannot read trace \(path)")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw .invalidConfiguration("\(path) is not a staleness trace (not UTF-8 text)")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        guard lines.next()?.trimmingCharacters(in: .whitespaces) == "arrival,worker,staleness" else {
            throw .invalidConfiguration("\(path) is not a staleness trace (expected the header arrival,worker,staleness)")
        }
        var ids: [Int32] = []
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            let fields = line.split(separator: ",")
            guard fields.count == 3, fields.allSatisfy({ Int($0) != nil }), let worker = Int32(fields[1]), worker >= 0
            else { throw .invalidConfiguration("\(path):\(lineNumber): malformed trace row \"\(line)\"") }
            ids.append(worker)
        }
        guard !ids.isEmpty else { throw .invalidConfiguration("trace \(path) has no rows") }
        workerIDs = ids
        workers = Int(ids.max()!) + 1
        reference = TraceReference(path: path, digest: ContentDigest.hexDigest(bytes), submissions: ids.count,
                                   workers: workers)
    }

    /// Reads the trace `reference` names and checks that it is the same file.
    /// - Throws: `TrainingError.invalidConfiguration` when it cannot be read or its content changed
    ///   since the configuration was made (another digest).
    public init(reference: TraceReference) throws(TrainingError) {
        try self.init(contentsOf: URL(fileURLWithPath: reference.path))
        guard self.reference.digest == reference.digest else {
            throw .invalidConfiguration("trace \(reference.path) changed since the configuration was made "
                                        + "(content digest \(self.reference.digest), expected \(reference.digest))")
        }
    }
}
