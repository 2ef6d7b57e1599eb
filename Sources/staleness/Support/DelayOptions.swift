import ArgumentParser
import Foundation
import StalenessSimulation
import Training

/// The options that choose a delay model and remedies for a training run.
struct DelayOptions: ParsableArguments {
    @Option(help: "Constant delay D: each gradient is applied D steps after it was computed (the study's wrapper).")
    var delay: Int?

    @Flag(name: .customLong("flush-delayed"), help: "With --delay: apply the gradients still queued at the end.")
    var flushDelayed = false

    @Option(name: .customLong("delay-dist"), help: "Sample delays from this distribution file (from `staleness simulate`).")
    var delayDistribution: String?

    @Option(name: .customLong("delay-sampling"), help: "Sample from the file's fitted normal (fitted), its histogram (empirical), the family with the best BIC (best) or one family (poisson, negative-binomial, gamma, log-normal).")
    var delaySampling: DistributionFile.DelaySource = .fittedNormal

    @Option(help: "Sample delays from a simulation of N workers run on the fly (with --sigma, --model).")
    var workers: Int?

    @Option(name: .customLong("emulate-workers"), help: "Emulate N asynchronous workers driven by simulated compute times.")
    var emulateWorkers: Int?

    @Option(help: "Replay the submission order of a simulator trace file (written with --warmup 0 for an exact replay).")
    var trace: String?

    @Option(help: "How the server uses emulated workers' gradients: sync, sync-backup:K, async, rennala:B or ringmaster:R (R ≥ 0 or inf).")
    var algorithm: String = "async"

    @Option(name: .customLong("communication-time"), help: "Simulated time of one message (gradient upload or parameter download) of emulated workers, in mean compute times.")
    var communicationTime: Double = 0

    @Option(name: .customLong("worker-times"), help: "Fixed base times of the workers, multiplying every draw: equal, sqrt (worker i takes √(i+1)) or linear (i+1).")
    var workerTimes: String = "equal"

    @Option(help: "Worker compute-time σ for --workers / --emulate-workers.")
    var sigma: Double = 0.2

    @Option(help: "Worker compute-time model for --workers / --emulate-workers (normal, lognormal, exponential, shifted-exponential, gamma, uniform).")
    var model: String = "normal"

    @Option(name: .customLong("slow-fraction"), help: "Fraction of emulated workers that are systematically slow.")
    var slowFraction: Double = 0

    @Option(name: .customLong("slow-factor"), help: "How many times slower the slow workers are.")
    var slowFactor: Double = 1

    @Option(name: .customLong("straggler-probability"), help: "Probability that one compute time straggles.")
    var stragglerProbability: Double = 0

    @Option(name: .customLong("straggler-factor"), help: "How many times longer a straggling compute time lasts.")
    var stragglerFactor: Double = 1

    @Option(help: "Learning-rate warm-up: gradual (linear, clamped at the target) or paper (the study's, unclamped).")
    var warmup: String?

    @Option(name: .customLong("warmup-epochs"), help: "Epochs of the learning-rate warm-up.")
    var warmupEpochs: Int = 5

    @Option(name: .customLong("ramp-epochs"), help: "Grow the delay (or emulated workers) from 0 to its target over E epochs.")
    var rampEpochs: Int = 0

    @Option(name: .customLong("clip-norm"), help: "Clip every gradient to this global L2 norm.")
    var clipNorm: Double?

    @Option(name: .customLong("dc-lambda"), help: "Delay compensation (DC-ASGD) with this λ (constant variant; 0.04 in the paper).")
    var compensationLambda: Double?

    @Flag(name: .customLong("dc-adaptive"), help: "Adaptive DC-ASGD: λ/√(running mean of g²); λ defaults to 2.")
    var compensationAdaptive = false

    @Option(name: .customLong("dc-momentum"), help: "Running-mean factor m of adaptive DC-ASGD.")
    var compensationMomentum: Double = 0.95

    @Option(name: .customLong("staleness-lr"), help: "Staleness-aware learning rate: none, inverse (η/τ), capped:C (η·min(1, C/τ)) or poly:a (η·(1+τ)^−a).")
    var stalenessLR: String = "none"

    /// Gradients simulated for an on-the-fly delay distribution (`--workers`).
    static let onTheFlyGradients = 1_000_000

    func validate() throws {
        let chosen = [delay != nil, delayDistribution != nil, workers != nil, emulateWorkers != nil || trace != nil]
        guard chosen.filter({ $0 }).count <= 1 else {
            throw ValidationError("choose one delay model: --delay, --delay-dist, --workers, or --emulate-workers/--trace")
        }
        if let delay, delay < 0 { throw ValidationError("--delay must be ≥ 0, got \(delay)") }
        if flushDelayed, delay == nil { throw ValidationError("--flush-delayed goes with --delay") }
        if let warmup, !["gradual", "paper"].contains(warmup) {
            throw ValidationError("--warmup must be gradual or paper, got \(warmup)")
        }
        guard warmupEpochs >= 1 else { throw ValidationError("--warmup-epochs must be ≥ 1, got \(warmupEpochs)") }
        _ = try stalenessScaling()
        _ = try parsedAlgorithm()
        if algorithm != "async" || communicationTime != 0, emulateWorkers == nil, trace == nil {
            throw ValidationError("--algorithm and --communication-time go with --emulate-workers N")
        }
    }

    private func parsedAlgorithm() throws -> Algorithm {
        do { return try Algorithm(parsing: algorithm) } catch { throw ValidationError(error.description) }
    }

    /// Applies the delay model and remedies to `configuration`.
    /// - Throws: `ValidationError` for impossible values or unreadable files.
    func apply(to configuration: inout TrainingConfiguration) throws {
        configuration.delay = try delaySpecification(seed: configuration.seed)
        var remedies = Remedies()
        remedies.rampEpochs = rampEpochs
        remedies.clipNorm = clipNorm
        if compensationAdaptive {
            remedies.compensation = .adaptive(lambda: compensationLambda ?? 2, momentum: compensationMomentum)
        } else if let compensationLambda {
            remedies.compensation = .constant(lambda: compensationLambda)
        }
        remedies.stalenessScaling = try stalenessScaling()
        configuration.remedies = remedies
        if let warmup {
            guard configuration.schedule == .constant else {
                throw ValidationError("--warmup replaces the schedule; drop --schedule")
            }
            configuration.schedule = warmup == "paper" ? .paper(warmupEpochs: warmupEpochs)
                : .gradual(warmupEpochs: warmupEpochs)
        }
    }

    private func stalenessScaling() throws -> Remedies.StalenessScaling {
        do { return try Remedies.StalenessScaling(parsing: stalenessLR) } catch {
            throw ValidationError(error.description)
        }
    }

    private func heterogeneity() throws -> WorkerHeterogeneity {
        guard let base = WorkerTimeBase(workerTimes) else {
            throw ValidationError("--worker-times must be equal, sqrt or linear, got \(workerTimes)")
        }
        do {
            return try WorkerHeterogeneity(slowFraction: slowFraction, slowFactor: slowFactor,
                                           stragglerProbability: stragglerProbability,
                                           stragglerFactor: stragglerFactor, baseTimes: base)
        } catch {
            throw ValidationError(error.description)
        }
    }

    private func delaySpecification(seed: UInt64) throws -> DelaySpecification {
        if let delay { return .constant(delay: delay, flushAtEnd: flushDelayed) }
        let source = delaySampling
        if let path = delayDistribution {
            let file: DistributionFile
            do { file = try DistributionFile.load(from: URL(fileURLWithPath: path)) } catch {
                throw ValidationError(error.description)
            }
            let weights: [Double]
            do { weights = try file.delayProbabilities(source, path: path) } catch { throw ValidationError(error.description) }
            return .sampled(try DelayDistribution(weights: weights,
                                                  label: "\(delaySampling) of \(path)"))
        }
        if let workers {
            let simulation: SimulationConfiguration
            do {
                simulation = try SimulationConfiguration(
                    workers: workers, model: WorkerTimeModel(name: model, sigma: sigma),
                    heterogeneity: heterogeneity(), gradients: Self.onTheFlyGradients, seed: seed)
            } catch {
                throw ValidationError("\(error)")
            }
            let histogram = StalenessSimulator.run(simulation)
            let analysis = try StalenessAnalysis(histogram: histogram)
            let file = DistributionFile(source: "simulation", simulation: SimulationParameters(simulation, sigma: sigma),
                                        histogram: histogram, analysis: analysis,
                                        families: FamilyComparison(histogram: histogram, analysis: analysis))
            let weights: [Double]
            do { weights = try file.delayProbabilities(source, path: "simulation") } catch { throw ValidationError(error.description) }
            return .sampled(try DelayDistribution(
                weights: weights,
                label: "\(delaySampling) of simulated N=\(workers) σ=\(sigma) \(model)"))
        }
        if let path = trace {
            let trace = try TraceFile(contentsOf: URL(fileURLWithPath: path))
            return .emulated(try WorkerEmulation(workers: emulateWorkers ?? trace.workers,
                                                 order: .recorded(workerIDs: trace.workerIDs, label: path),
                                                 algorithm: parsedAlgorithm(), communicationTime: communicationTime))
        }
        if let emulateWorkers {
            return .emulated(try WorkerEmulation(
                workers: emulateWorkers,
                order: .simulated(model: model, sigma: sigma, heterogeneity: heterogeneity(), seed: seed),
                algorithm: parsedAlgorithm(), communicationTime: communicationTime))
        }
        return .none
    }
}
