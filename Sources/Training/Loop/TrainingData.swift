/// Finds, reads and cuts the data a configuration asks for.
public enum TrainingData {
    /// The training and test sets of `configuration.dataset` through its input pipeline, cut to any
    /// subsets. `dataOption` is the `--data` directory, if given; otherwise the usual search order
    /// applies (see `DatasetLocator`).
    /// - Throws: `DatasetLocationError` (with instructions) when no data is found, `IDXError`
    ///   naming the file when a file is corrupt.
    public static func load(_ configuration: TrainingConfiguration, dataOption: String?) throws
        -> (train: Dataset, test: Dataset)
    {
        let location = try DatasetLocator.forCurrentProcess(dataOption: dataOption).locate(configuration.dataset)
        var train = try Dataset(loading: .train, of: configuration.dataset, from: location,
                                pipeline: configuration.input)
        var test = try Dataset(loading: .test, of: configuration.dataset, from: location,
                               pipeline: configuration.input)
        if let n = configuration.trainSubset { train = train.prefix(n) }
        if let n = configuration.testSubset { test = test.prefix(n) }
        return (train, test)
    }
}
