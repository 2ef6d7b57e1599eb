import Foundation

/// Labelled examples ready for LeNet-5: 32×32 single-channel images, preprocessed, in flat buffers.
public struct Dataset: Sendable {
    /// Side of each image, in pixels.
    public static let imageSide = InputPipeline.outputSide
    /// Values per image (32 × 32 = 1024).
    public static let pixelsPerImage = imageSide * imageSide
    /// Number of classes; labels lie in 0..<10.
    public static let classCount = 10

    /// `count × 1024` values, image after image, row by row, already through the input pipeline.
    public let images: [Float]
    /// One label per image, in 0..<10.
    public let labels: [Int32]
    /// Number of examples.
    public let count: Int

    /// Wraps preprocessed images and their labels, for example a synthetic problem in a test.
    /// - Precondition: `images.count == labels.count × 1024` and every label is in 0..<10.
    public init(images: [Float], labels: [Int32]) {
        precondition(images.count == labels.count * Self.pixelsPerImage, "images must hold 1024 values per label")
        precondition(labels.allSatisfy { (0..<Int32(Self.classCount)).contains($0) }, "labels must lie in 0..<10")
        self.images = images
        self.labels = labels
        self.count = labels.count
    }

    /// Checks that the image and label files belong together and preprocesses the images.
    /// - Throws: `IDXError.badDimensions` unless the images are 28×28, `IDXError.countMismatch`
    ///   when the files hold different numbers of examples, `IDXError.labelOutOfRange` for a label
    ///   outside 0...9.
    public init(images: IDXImages, labels: IDXLabels, dataset: DatasetName, pipeline: InputPipeline) throws(IDXError) {
        let side = InputPipeline.inputSide
        guard images.rows == side, images.columns == side else {
            throw .badDimensions(path: images.path,
                                 reason: "images are \(images.rows)×\(images.columns), expected \(side)×\(side)")
        }
        guard images.count == labels.count else {
            throw .countMismatch(imagesPath: images.path, images: images.count,
                                 labelsPath: labels.path, labels: labels.count)
        }
        if let index = labels.labels.firstIndex(where: { Int($0) >= Self.classCount }) {
            throw .labelOutOfRange(path: labels.path, index: index, label: Int(labels.labels[index]))
        }
        self.images = pipeline.process(images.pixels, count: images.count, dataset: dataset)
        self.labels = labels.labels.map { Int32($0) }
        self.count = labels.count
    }

    /// Reads the `split` of `dataset` from the files `location` found and preprocesses it.
    /// - Throws: `IDXError` naming the file that is unreadable, corrupt or inconsistent.
    public init(loading split: DatasetSplit, of dataset: DatasetName, from location: DatasetLocation,
                pipeline: InputPipeline) throws(IDXError) {
        let files = location.files(for: split)
        try self.init(images: IDXImages(contentsOf: files.images), labels: IDXLabels(contentsOf: files.labels),
                      dataset: dataset, pipeline: pipeline)
    }

    private init(images: [Float], labels: [Int32], count: Int) {
        self.images = images
        self.labels = labels
        self.count = count
    }

    /// The first `min(n, count)` examples, in order (for `--train-subset` / `--test-subset`).
    /// - Precondition: `n >= 0`.
    public func prefix(_ n: Int) -> Dataset {
        precondition(n >= 0, "a prefix cannot have a negative length")
        let kept = min(n, count)
        if kept == count { return self }
        return Dataset(images: Array(images[0..<(kept * Self.pixelsPerImage)]), labels: Array(labels[0..<kept]),
                       count: kept)
    }
}
