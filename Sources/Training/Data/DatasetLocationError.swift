/// A dataset's files could not be found. The description is one line: where it looked, what was
/// missing there, and how to get the data.
public enum DatasetLocationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A directory that was searched and what it held.
    public struct Searched: Sendable, Equatable {
        /// The directory and the setting that proposed it.
        public let candidate: DatasetCandidate
        /// What the directory held (never ``DatasetCandidate/Contents/complete(_:)``).
        public let contents: DatasetCandidate.Contents
    }

    /// `--data DIR` was given but neither `DIR` nor `DIR/<name>` holds the four files.
    case notInDataOption(dataset: DatasetName, searched: [Searched])
    /// No searched place holds the four files.
    case notFound(dataset: DatasetName, searched: [Searched])

    public var description: String {
        switch self {
        case let .notInDataOption(dataset, searched):
            "\(dataset.displayName) data not found where --data points: \(Self.list(searched)); "
                + dataset.howToGet
        case let .notFound(dataset, searched):
            "\(dataset.displayName) data not found (searched \(Self.list(searched))); " + dataset.howToGet
        }
    }

    private static func list(_ searched: [Searched]) -> String {
        searched.map { entry in
            let place = "\(entry.candidate.directory.path)"
            switch entry.contents {
            case .noDirectory: return "\(place) (\(entry.candidate.source.rawValue): no such directory)"
            case let .incomplete(missing):
                return "\(place) (\(entry.candidate.source.rawValue): missing \(missing.map { $0 + "[.gz]" }.joined(separator: ", ")))"
            case .complete: return place
            }
        }.joined(separator: ", ")
    }
}
