import ArgumentParser
import Training

extension DatasetName: ExpressibleByArgument {}
extension InputPipeline: ExpressibleByArgument {}

/// Options that choose a dataset and where to read it from, shared by every command that loads data.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Dataset: \(DatasetName.allCases.map(\.rawValue).joined(separator: " or ")).",
        valueName: "name"))
    var dataset: DatasetName = .mnist

    @Option(name: .customLong("data"), help: ArgumentHelp(
        "Directory holding the four IDX files (or a <name> subdirectory with them); "
            + "otherwise STALENESS_DATA, then the user cache, then /usr/share/datasets (Fashion-MNIST).",
        valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp(
        "Input pipeline: normalized (zero-pad to 32×32, then (x − mean)/std) or paper (bilinear resize "
            + "to 32×32, values in [0, 1], as the original study).",
        valueName: "pipeline"))
    var input: InputPipeline = .normalized

    /// The locator for these options in this process's environment.
    var locator: DatasetLocator { DatasetLocator.forCurrentProcess(dataOption: directory) }
}
