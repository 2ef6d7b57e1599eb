/// The datasets `staleness` can train on. Both are 28×28 greyscale images in ten classes, stored
/// as the same four IDX files.
public enum DatasetName: String, CaseIterable, Codable, Sendable {
    /// Handwritten digits (LeCun, Cortes and Burges): 60,000 training and 10,000 test images.
    case mnist
    /// Zalando's clothing images, a drop-in replacement for MNIST with the same sizes.
    case fashionMNIST = "fashion-mnist"

    /// The name people write, for messages ("MNIST", "Fashion-MNIST").
    public var displayName: String {
        switch self {
        case .mnist: "MNIST"
        case .fashionMNIST: "Fashion-MNIST"
        }
    }

    /// Mean of the training pixels scaled to [0, 1], used by ``InputPipeline/normalized``.
    ///
    /// Computed over all 60,000 × 784 training pixels: MNIST 0.1307 (the value every PyTorch MNIST
    /// example uses), Fashion-MNIST 0.2860.
    public var pixelMean: Float {
        switch self {
        case .mnist: 0.1307
        case .fashionMNIST: 0.2860
        }
    }

    /// Standard deviation of the training pixels scaled to [0, 1]: MNIST 0.3081, Fashion-MNIST 0.3530.
    public var pixelStandardDeviation: Float {
        switch self {
        case .mnist: 0.3081
        case .fashionMNIST: 0.3530
        }
    }

    /// The Debian package that installs this dataset under `/usr/share/datasets/<name>`, if any.
    public var debianPackage: String? {
        switch self {
        case .mnist: nil
        case .fashionMNIST: "dataset-fashion-mnist"
        }
    }

    /// How to get the data, for the message shown when it cannot be found.
    public var howToGet: String {
        switch self {
        case .mnist:
            "download it with `staleness data fetch mnist`, or point to a directory holding the four "
                + "IDX files with --data DIR or STALENESS_DATA=DIR"
        case .fashionMNIST:
            "install it with `apt-get install dataset-fashion-mnist` (it goes to "
                + "/usr/share/datasets/fashion-mnist), or point to a directory holding the four IDX files "
                + "with --data DIR or STALENESS_DATA=DIR"
        }
    }
}
