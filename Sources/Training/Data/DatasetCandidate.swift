import Foundation

/// One directory that may hold a dataset, with the setting that proposed it.
public struct DatasetCandidate: Sendable, Equatable {
    /// What is in a candidate directory.
    public enum Contents: Sendable, Equatable {
        /// The directory does not exist.
        case noDirectory
        /// Some of the four files are missing; `missing` lists their standard names.
        case incomplete(missing: [String])
        /// All four files are there.
        case complete(DatasetLocation)
    }

    /// The setting that proposed this directory.
    public let source: DatasetSource
    /// The directory.
    public let directory: URL

    /// Proposes `directory` through `source`.
    public init(source: DatasetSource, directory: URL) {
        self.source = source
        self.directory = directory
    }

    /// Looks at the directory. Each file may be raw or end in `.gz`; the raw one wins when both
    /// exist because it reads faster.
    public func inspect() -> Contents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else { return .noDirectory }
        var found: [String: URL] = [:]
        var missing: [String] = []
        for name in DatasetSplit.allCases.flatMap(\.fileNames) {
            if let url = file(named: name) { found[name] = url } else { missing.append(name) }
        }
        guard missing.isEmpty else { return .incomplete(missing: missing) }
        func files(_ split: DatasetSplit) -> DatasetFiles {
            DatasetFiles(images: found[split.imagesFileName]!, labels: found[split.labelsFileName]!)
        }
        return .complete(DatasetLocation(source: source, directory: directory, train: files(.train), test: files(.test)))
    }

    private func file(named name: String) -> URL? {
        for candidate in [name, name + ".gz"] {
            let url = directory.appendingPathComponent(candidate)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return url
            }
        }
        return nil
    }
}
