import ArgumentParser
import Experiments
import Foundation
import StalenessSimulation

/// How simulated workers compute: a worker-time model and σ, or a calibration file that sets both,
/// and slow workers and stragglers. `simulate` and `train` share these options; a calibration is
/// combined with the rest by ``ClusterCalibration/cluster(heterogeneity:)``.
struct WorkerTimeOptions: ParsableArguments {
    @Option(help: "Worker compute-time model: \(WorkerTimeModel.names.joined(separator: ", ")) (default \(WorkerTimeModel.studyDefault.name)).")
    var model: String?

    @Option(help: "Spread σ of a worker's compute time (its standard deviation; the mean is 1; default \(WorkerTimeModel.studyDefault.standardDeviation)). Ignored by exponential.")
    var sigma: Double?

    @Option(help: "A calibration file (from `staleness calibrate`): its calibrated model and σ (and slow workers and stragglers, if any), e.g. at other worker counts; excludes --model and --sigma.")
    var calibration: String?

    @OptionGroup var heterogeneity: HeterogeneityOptions

    /// The model and heterogeneity to simulate: the calibration's when one is given, else the options'
    /// with the library's defaults.
    /// - Throws: a `CommandLineError` naming a bad calibration file or combination, or the library's
    ///   `SimulationInputError` for a bad model, σ or factor.
    func cluster() throws -> (model: WorkerTimeModel, heterogeneity: WorkerHeterogeneity) {
        let given = try heterogeneity.heterogeneity()
        guard let calibration else {
            return (try WorkerTimeModel(name: model ?? WorkerTimeModel.studyDefault.name,
                                        sigma: sigma ?? WorkerTimeModel.studyDefault.standardDeviation), given)
        }
        let cluster: (model: String, sigma: Double, heterogeneity: WorkerHeterogeneity)
        do {
            try ClusterCalibration.checkModel(given: model != nil || sigma != nil)
            cluster = try ClusterCalibration.load(from: URL(fileURLWithPath: calibration)).cluster(heterogeneity: given)
        } catch let error as ClusterCalibration.CombinationError {
            throw CommandLineError(error.description)
        }
        return (try WorkerTimeModel(name: cluster.model, sigma: cluster.sigma), cluster.heterogeneity)
    }

    /// The options as values of a sweep grid point (absent ones take the library's defaults).
    var point: [SweepParameter: String] {
        var point = heterogeneity.point
        point[.sigma] = sigma.map { "\($0)" }
        point[.model] = model
        point[.calibration] = calibration
        return point
    }
}
