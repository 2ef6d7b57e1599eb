/// The training or the test part of a dataset, each stored as an image file and a label file.
public enum DatasetSplit: String, CaseIterable, Codable, Sendable {
    /// The 60,000 training examples.
    case train
    /// The 10,000 test examples.
    case test

    /// The standard name of the image file, without a `.gz` suffix.
    public var imagesFileName: String {
        switch self {
        case .train: "train-images-idx3-ubyte"
        case .test: "t10k-images-idx3-ubyte"
        }
    }

    /// The standard name of the label file, without a `.gz` suffix.
    public var labelsFileName: String {
        switch self {
        case .train: "train-labels-idx1-ubyte"
        case .test: "t10k-labels-idx1-ubyte"
        }
    }

    /// Both standard file names, images first.
    public var fileNames: [String] { [imagesFileName, labelsFileName] }
}
