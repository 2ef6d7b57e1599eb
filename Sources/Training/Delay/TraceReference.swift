/// A simulator trace named by a configuration: where it is and what it held when the configuration
/// was made. The configuration (and its hash) carries these few fields, never the trace's rows; the
/// trainer reads the rows from `path` and refuses a file whose content no longer matches `digest`.
public struct TraceReference: Codable, Hashable, Sendable {
    /// The trace file's path, as given.
    public var path: String
    /// ``ResultFiles/ContentDigest`` of the file's bytes (16 hex digits).
    public var digest: String
    /// Gradients (rows) in the trace.
    public var submissions: Int
    /// Workers named in the trace: the largest id + 1.
    public var workers: Int

    /// A reference with the given fields (``TraceFile/reference`` makes one from a file).
    public init(path: String, digest: String, submissions: Int, workers: Int) {
        self.path = path
        self.digest = digest
        self.submissions = submissions
        self.workers = workers
    }
}
