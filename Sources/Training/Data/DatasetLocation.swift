import Foundation

/// A directory that holds all four IDX files of a dataset, and how it was found.
public struct DatasetLocation: Sendable, Equatable {
    /// Which setting led to this directory.
    public let source: DatasetSource
    /// The directory holding the files.
    public let directory: URL
    /// The training images and labels.
    public let train: DatasetFiles
    /// The test images and labels.
    public let test: DatasetFiles

    /// Records a complete directory found through `source`.
    public init(source: DatasetSource, directory: URL, train: DatasetFiles, test: DatasetFiles) {
        self.source = source
        self.directory = directory
        self.train = train
        self.test = test
    }

    /// The files of `split`.
    public func files(for split: DatasetSplit) -> DatasetFiles {
        switch split {
        case .train: train
        case .test: test
        }
    }
}
