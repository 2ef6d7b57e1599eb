import Foundation
import StalenessSimulation
import Training

/// Turns one point of a grid (a value for every ``SweepParameter``) into a `TrainingConfiguration`:
/// the one configuration path. `staleness sweep` calls it for every point of its grid and
/// `staleness train` for the one point its options name, so an option means the same in both. Each
/// value is parsed by its domain type (`LearningRateSchedule(parsing:)`,
/// `Remedies.StalenessScaling(parsing:)`, `DistributionFile.DelaySource`, `WorkerTimeModel`,
/// `WorkerHeterogeneity`); what a point leaves out takes ``SweepParameter/defaultValue``, the
/// library's defaults; the optimizer is stored ``Training/OptimizerSettings/canonical``.
///
/// Delay distributions of simulated workers (`--delay sampled:N`) are simulated once per distinct
/// (N, σ, model, heterogeneity, sampling, seed) and reused. A `--calibration FILE` replaces the
/// model and σ of `sampled:N` and `workers:N` by the file's calibrated ones (the configuration
/// records the model and σ, not the file).
public final class ConfigurationBuilder {
    /// Gradients simulated for a `sampled:N` delay distribution (as `train --workers`).
    static let simulatedGradients = 1_000_000

    private var distributions: [String: DelayDistribution] = [:]
    /// Calibration files read so far, by path.
    private var calibrations: [String: ClusterCalibration] = [:]
    /// The algorithm and communication time of the point being built, for `workers:N`.
    private var cluster: (algorithm: Algorithm, communication: Double) = (.async, 0)

    /// A builder with no simulated distributions yet.
    public init() {}

    /// The configuration for `point`.
    /// - Throws: `SweepError` naming the option whose value is wrong or the impossible combination.
    public func configuration(_ point: [SweepParameter: String]) throws(SweepError) -> TrainingConfiguration {
        func value(_ p: SweepParameter) -> String { point[p] ?? p.defaultValue }
        func bad(_ p: SweepParameter, _ reason: String) -> SweepError {
            .badValue(option: p.rawValue, value: value(p), reason: reason)
        }
        func number(_ p: SweepParameter) throws(SweepError) -> Double {
            guard let x = Double(value(p)), x.isFinite else { throw bad(p, "not a number") }
            return x
        }
        func integer(_ p: SweepParameter) throws(SweepError) -> Int {
            guard let x = Int(value(p)) else { throw bad(p, "not an integer") }
            return x
        }
        func optionalInteger(_ p: SweepParameter) throws(SweepError) -> Int? {
            value(p) == "all" ? nil : try integer(p)
        }
        func optionalNumber(_ p: SweepParameter) throws(SweepError) -> Double? {
            value(p) == "none" ? nil : try number(p)
        }
        func flag(_ p: SweepParameter) throws(SweepError) -> Bool {
            switch value(p).lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: throw bad(p, "expected true or false")
            }
        }

        var c = TrainingConfiguration()
        guard let dataset = DatasetName(rawValue: value(.dataset)) else { throw bad(.dataset, "unknown dataset") }
        guard let input = InputPipeline(rawValue: value(.input)) else { throw bad(.input, "unknown input pipeline") }
        guard let kind = OptimizerKind(rawValue: value(.optimizer)) else {
            throw bad(.optimizer, "expected one of \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        c.dataset = dataset
        c.input = input
        c.optimizer = OptimizerSettings(kind: kind)
        if value(.momentum) != "default" { c.optimizer.momentum = try number(.momentum) }
        c.optimizer.nesterov = try flag(.nesterov)
        c.optimizer.weightDecay = try number(.weightDecay)
        c.optimizer.beta1 = try number(.beta1)
        c.optimizer.beta2 = try number(.beta2)
        do { c.schedule = try LearningRateSchedule(parsing: value(.schedule)) } catch {
            throw bad(.schedule, "\(error)")
        }
        c.learningRate = try number(.lr)
        c.batchSize = try integer(.batch)
        c.epochs = try integer(.epochs)
        guard let seed = UInt64(value(.seed)) else { throw bad(.seed, "not a non-negative integer") }
        c.seed = seed
        c.threads = try integer(.threads)
        c.trainSubset = try optionalInteger(.trainSubset)
        c.testSubset = try optionalInteger(.testSubset)

        var heterogeneity: WorkerHeterogeneity
        guard let base = WorkerTimeBase(value(.workerTimes)) else { throw bad(.workerTimes, "expected equal, sqrt or linear") }
        guard let algorithm = Algorithm(value(.algorithm)) else { throw bad(.algorithm, SweepParameter.algorithm.valueHelp) }
        cluster = (algorithm, try number(.communicationTime))
        do {
            heterogeneity = try WorkerHeterogeneity(
                slowFraction: number(.slowFraction), slowFactor: number(.slowFactor),
                stragglerProbability: number(.stragglerProbability), stragglerFactor: number(.stragglerFactor),
                baseTimes: base)
        } catch let error as SweepError {
            throw error
        } catch {
            throw .invalidCombination("worker heterogeneity: \(error)")
        }
        var model = value(.model), sigma = try number(.sigma)
        if value(.calibration) != "none" {
            do { try ClusterCalibration.checkModel(given: point[.model] != nil || point[.sigma] != nil) } catch {
                throw .invalidCombination(error.description)
            }
            let calibration = try calibratedCluster(point)
            do { (model, sigma, heterogeneity) = try calibration.cluster(heterogeneity: heterogeneity) } catch {
                throw .invalidCombination(error.description)
            }
        }
        c.delay = try delay(value(.delay), flush: flag(.flushDelayed), sampling: value(.delaySampling),
                            sigma: sigma, model: model, heterogeneity: heterogeneity, seed: seed)
        if case .emulated = c.delay {} else if algorithm != .async || cluster.communication != 0 {
            throw .invalidCombination("--algorithm and --communication-time need --delay workers:N or trace:FILE")
        }

        var remedies = Remedies()
        remedies.rampEpochs = try integer(.rampEpochs)
        remedies.clipNorm = try optionalNumber(.clipNorm)
        let lambda = try optionalNumber(.dcLambda)
        if try flag(.dcAdaptive) {
            remedies.compensation = .adaptive(lambda: lambda ?? Remedies.Compensation.defaultAdaptiveLambda,
                                              momentum: try number(.dcMomentum))
        } else if let lambda {
            remedies.compensation = .constant(lambda: lambda)
        }
        do { remedies.stalenessScaling = try Remedies.StalenessScaling(parsing: value(.stalenessLR)) } catch {
            throw bad(.stalenessLR, "expected none, inverse, capped:C or poly:a")
        }
        var warmup: (kind: String, epochs: Int)? = value(.warmup) == "none" ? nil
            : (value(.warmup), try integer(.warmupEpochs))
        try applyRemedy(value(.remedy), to: &remedies, warmup: &warmup)
        c.remedies = remedies
        if let warmup {
            let schedule: LearningRateSchedule
            do { schedule = try LearningRateSchedule(warmup: warmup.kind, epochs: warmup.epochs) } catch {
                throw .badValue(option: "warmup", value: "\(warmup.kind):\(warmup.epochs)", reason: "\(error)")
            }
            guard c.schedule == .constant else {
                throw .invalidCombination("a warm-up replaces the schedule; give --warmup or --schedule, not both")
            }
            c.schedule = schedule
        }
        c.optimizer = c.optimizer.canonical
        do { try c.validate() } catch { throw .invalidCombination(error.description) }
        return c
    }

    /// The calibration file `point` names, for `sampled:N` and `workers:N` (the cluster calibrated
    /// on a log, at any N); ``ClusterCalibration/cluster(heterogeneity:)`` says what it replaces.
    private func calibratedCluster(_ point: [SweepParameter: String]) throws(SweepError) -> ClusterCalibration {
        let path = point[.calibration] ?? SweepParameter.calibration.defaultValue
        let delay = point[.delay] ?? SweepParameter.delay.defaultValue
        guard delay.hasPrefix("sampled:") || delay.hasPrefix("workers:") else {
            throw .invalidCombination("--calibration goes with simulated workers: train --workers N or --emulate-workers N "
                                      + "(sweep --delay sampled:N or workers:N), not --delay \(delay)")
        }
        let calibration: ClusterCalibration
        if let cached = calibrations[path] { calibration = cached } else {
            do { calibration = try ClusterCalibration.load(from: URL(fileURLWithPath: path)) } catch {
                throw .badValue(option: SweepParameter.calibration.rawValue, value: path, reason: error.description)
            }
            calibrations[path] = calibration
        }
        return calibration
    }

    /// Applies a `--remedy` value: `none` or `+`-joined items.
    private func applyRemedy(_ text: String, to remedies: inout Remedies,
                             warmup: inout (kind: String, epochs: Int)?) throws(SweepError) {
        guard text != "none" else { return }
        // Each item sets one remedy; two items setting the same one would silently keep the last.
        var given: [String: String] = [:]
        for item in text.split(separator: "+").map(String.init) {
            let parts = item.split(separator: ":").map(String.init)
            func bad() -> SweepError {
                .badValue(option: "remedy", value: item, reason: SweepParameter.remedy.valueHelp)
            }
            let slot = switch parts.first ?? "" {
            case "dc", "dca": "delay compensation"
            case "inverse", "capped": "staleness-aware learning rate"
            case let other: other
            }
            if let earlier = given[slot] {
                throw .badValue(option: "remedy", value: text,
                                reason: "\(earlier) and \(item) both set the \(slot); give one")
            }
            given[slot] = item
            func argument(_ i: Int) throws(SweepError) -> Double {
                guard parts.count > i, let x = Double(parts[i]), x.isFinite else { throw bad() }
                return x
            }
            switch parts[0] {
            case "dc": remedies.compensation = .constant(lambda: try argument(1))
            case "dca":
                remedies.compensation = .adaptive(
                    lambda: parts.count > 1 ? try argument(1) : Remedies.Compensation.defaultAdaptiveLambda,
                    momentum: Remedies.Compensation.defaultAdaptiveMomentum)
            case "inverse": remedies.stalenessScaling = .inverse
            case "capped": remedies.stalenessScaling = .capped(c: try argument(1))
            case "clip": remedies.clipNorm = try argument(1)
            case "ramp":
                guard let epochs = Int(parts.count > 1 ? parts[1] : "") else { throw bad() }
                remedies.rampEpochs = epochs
            case "warmup":
                guard parts.count >= 2 else { throw bad() }
                var epochs = LearningRateSchedule.defaultWarmupEpochs
                if parts.count > 2 {
                    guard let e = Int(parts[2]) else { throw bad() }
                    epochs = e
                }
                warmup = (parts[1], epochs)
            default: throw bad()
            }
        }
    }

    private func delay(_ text: String, flush: Bool, sampling: String, sigma: Double, model: String,
                       heterogeneity: WorkerHeterogeneity, seed: UInt64) throws(SweepError) -> DelaySpecification {
        func bad(_ reason: String) -> SweepError { .badValue(option: "delay", value: text, reason: reason) }
        if text == "sync" || text == "none" { return .none }
        if let d = Int(text) {
            guard d >= 0 else { throw bad("a delay must be ≥ 0") }
            return .constant(delay: d, flushAtEnd: flush)
        }
        guard let colon = text.firstIndex(of: ":") else { throw bad(SweepParameter.delay.valueHelp) }
        let kind = String(text[..<colon]), argument = String(text[text.index(after: colon)...])
        guard let source = DistributionFile.DelaySource(sampling) else {
            throw .badValue(option: "delay-sampling", value: sampling, reason: "expected " + DistributionFile.DelaySource.spellings)
        }
        do {
            switch kind {
            case "sampled":
                guard let workers = Int(argument), workers >= 1 else { throw bad("sampled:N needs N ≥ 1 workers") }
                // N workers' staleness centres on N − 1: refuse before simulating what cannot be sampled.
                guard workers - 1 <= DelayDistribution.maximumSupportedDelay else {
                    throw bad("\(workers) workers give delays of about \(workers - 1); at most "
                              + "\(DelayDistribution.maximumSupportedDelay) is supported")
                }
                let key = "\(workers)|\(sigma)|\(model)|\(heterogeneity)|\(sampling)|\(seed)"
                if let cached = distributions[key] { return .sampled(cached) }
                let simulation = try SimulationConfiguration(
                    workers: workers, model: WorkerTimeModel(name: model, sigma: sigma), heterogeneity: heterogeneity,
                    gradients: Self.simulatedGradients, seed: seed)
                let histogram = StalenessSimulator.run(simulation)
                let analysis = try StalenessAnalysis(histogram: histogram)
                let families = source.needsFamilies ? FamilyComparison(histogram: histogram, analysis: analysis) : nil
                guard let weights = source.probabilities(histogram: histogram, analysis: analysis, families: families) else {
                    throw bad("no \(source) fit of the simulated staleness")
                }
                let distribution = try DelayDistribution(
                    weights: weights, label: "\(source) of simulated N=\(workers) σ=\(sigma) \(model)")
                distributions[key] = distribution
                return .sampled(distribution)
            case "workers":
                guard let workers = Int(argument), workers >= 1 else { throw bad("workers:N needs N ≥ 1") }
                return .emulated(try WorkerEmulation(
                    workers: workers,
                    order: .simulated(model: WorkerTimeModel(name: model, sigma: sigma), heterogeneity: heterogeneity,
                                      seed: seed),
                    algorithm: cluster.algorithm, communicationTime: cluster.communication))
            case "dist":
                let file = try DistributionFile.load(from: URL(fileURLWithPath: argument))
                return .sampled(try DelayDistribution(weights: file.delayProbabilities(
                                                          source, path: argument,
                                                          maximumDelay: DelayDistribution.maximumSupportedDelay),
                                                      label: "\(source) of \(argument)"))
            case "trace":
                let trace = try TraceFile(contentsOf: URL(fileURLWithPath: argument))
                return .emulated(try WorkerEmulation(workers: trace.workers,
                                                     order: .recorded(trace: trace.reference),
                                                     algorithm: cluster.algorithm,
                                                     communicationTime: cluster.communication))
            default:
                throw bad(SweepParameter.delay.valueHelp)
            }
        } catch let error as SweepError {
            throw error
        } catch {
            throw bad("\(error)")
        }
    }
}
