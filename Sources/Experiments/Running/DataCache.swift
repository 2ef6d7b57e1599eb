import Training

/// The datasets a sweep needs, each loaded once and shared read-only by every run.
///
/// Files are read once per (dataset, input pipeline); subsets are cut from those copies.
public struct DataCache: Sendable {
    private struct Key: Hashable {
        var dataset: DatasetName
        var input: InputPipeline
        var trainSubset: Int?
        var testSubset: Int?

        init(_ c: TrainingConfiguration) {
            dataset = c.dataset
            input = c.input
            trainSubset = c.trainSubset
            testSubset = c.testSubset
        }
    }

    private var sets: [Key: (train: Dataset, test: Dataset)] = [:]

    /// Loads what `configurations` need, through `load` (by default `TrainingData.load` with the
    /// `--data` directory `dataOption`).
    /// - Throws: whatever `load` throws (missing or corrupt data), before any run starts.
    public init(for configurations: [TrainingConfiguration], dataOption: String?,
                load: (TrainingConfiguration, String?) throws -> (train: Dataset, test: Dataset) = TrainingData.load)
        rethrows
    {
        var full: [Key: (train: Dataset, test: Dataset)] = [:]
        for configuration in configurations {
            let key = Key(configuration)
            guard sets[key] == nil else { continue }
            var whole = configuration
            whole.trainSubset = nil
            whole.testSubset = nil
            let fullKey = Key(whole)
            if full[fullKey] == nil { full[fullKey] = try load(whole, dataOption) }
            let (train, test) = full[fullKey]!
            sets[key] = (configuration.trainSubset.map { train.prefix($0) } ?? train,
                         configuration.testSubset.map { test.prefix($0) } ?? test)
        }
    }

    /// The training and test sets of `configuration` (nil when it was not in the list given to init).
    public func data(for configuration: TrainingConfiguration) -> (train: Dataset, test: Dataset)? {
        sets[Key(configuration)]
    }
}
