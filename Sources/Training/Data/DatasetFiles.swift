import Foundation

/// The image file and the label file of one split of a dataset.
public struct DatasetFiles: Sendable, Equatable {
    /// The IDX image file, raw or gzip-compressed.
    public let images: URL
    /// The IDX label file, raw or gzip-compressed.
    public let labels: URL

    /// Pairs an image file with its label file.
    public init(images: URL, labels: URL) {
        self.images = images
        self.labels = labels
    }
}
