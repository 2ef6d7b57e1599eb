/// A distribution file could not be read; the description is one line naming the file.
public enum DistributionFileError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case cannotRead(path: String, reason: String)
    /// The file is not a JSON object with a numeric `formatVersion`.
    case notADistributionFile(path: String)
    /// The file's format version is not the one this build reads.
    case unsupportedVersion(path: String, found: Int)
    /// The file has the right version but a field is missing, mistyped or out of range.
    case malformed(path: String, detail: String)
    /// The distribution sampled as `source` reaches delay `reaches`, past the `maximum` a caller can use.
    case beyondMaximumDelay(path: String, source: String, reaches: Double, maximum: Int)
    /// The file is valid but holding it needs more memory than the budget (`detail` says how much).
    case tooLarge(path: String, detail: String)
    /// Delays were asked of a family the file does not hold (version-1 files hold none).
    case noFamily(path: String, family: String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason): "cannot read \(path): \(reason)"
        case let .notADistributionFile(path):
            "\(path) is not a staleness distribution file (no numeric formatVersion)"
        case let .unsupportedVersion(path, found):
            "\(path) has distribution format version \(found); this build reads versions \(DistributionFile.readableVersions.lowerBound)–\(DistributionFile.readableVersions.upperBound)"
        case let .malformed(path, detail): "\(path) is malformed: \(detail)"
        case let .tooLarge(_, detail): detail
        case let .beyondMaximumDelay(path, source, reaches, maximum):
            "the \(source) delays of \(path) reach \(reaches.isFinite && abs(reaches) < 1e15 ? String(Int(reaches)) : "\(reaches)"); at most \(maximum) is supported"
        case let .noFamily(path, family):
            "\(path) holds no \(family) fit (version-1 files hold none; refit with `staleness fit` or `simulate`)"
        }
    }
}
