import ArgumentParser
import Experiments

/// Every `train` option as a comma-separated list of values (see `SweepValues` for ranges), plus
/// `--remedy`. Options left out take `train`'s defaults.
struct SweepOptions: ParsableArguments {
    @Option(help: "Datasets: mnist, fashion-mnist.") var dataset: String?
    @Option(help: "Input pipelines: normalized, paper.") var input: String?
    @Option(help: "Optimizers: sgd, adam, adagrad, rmsprop.") var optimizer: String?
    @Option(help: "SGD/RMSProp momenta.") var momentum: String?
    @Option(help: "Nesterov momentum: true, false.") var nesterov: String?
    @Option(name: .customLong("weight-decay"), help: "L2 weight decays.") var weightDecay: String?
    @Option(help: "Adam β1 values.") var beta1: String?
    @Option(help: "Adam β2 values.") var beta2: String?
    @Option(help: "Schedules: constant, step:EVERY:FACTOR, gradual:EPOCHS, paper:EPOCHS, cosine.") var schedule: String?
    @Option(help: "Epochs.") var epochs: String?
    @Option(name: .customLong("train-subset"), help: "Training-set prefixes: N or all.") var trainSubset: String?
    @Option(name: .customLong("test-subset"), help: "Test-set prefixes: N or all.") var testSubset: String?
    @Option(help: "Cores per run (default 1).") var threads: String?
    @Option(help: "Batch sizes, e.g. 32,64 or 2^5:2^10.") var batch: String?
    @Option(help: "Learning rates, e.g. 0.001,0.01 or 2^-13:2^-5 or 1e-4:1e-1 or 10^-3:10^-2:0.5.") var lr: String?
    @Option(help: ArgumentHelp("Delay models: sync, D (constant), sampled:N, workers:N, dist:FILE, trace:FILE.",
                               valueName: "models")) var delay: String?
    @Option(name: .customLong("flush-delayed"), help: "Apply queued gradients at the end: true, false.") var flushDelayed: String?
    @Option(name: .customLong("delay-sampling"), help: "For sampled:N and dist:FILE: fitted, empirical, best, poisson, negative-binomial, gamma, log-normal.") var delaySampling: String?
    @Option(help: "Worker compute-time σ for sampled:N and workers:N.") var sigma: String?
    @Option(help: "Worker compute-time models for sampled:N and workers:N.") var model: String?
    @Option(help: "Calibration files (from `staleness calibrate`), or none: their model and σ for sampled:N and workers:N.") var calibration: String?
    @Option(name: .customLong("slow-fraction"), help: "Fractions of slow workers.") var slowFraction: String?
    @Option(name: .customLong("slow-factor"), help: "Slow-worker factors.") var slowFactor: String?
    @Option(name: .customLong("straggler-probability"), help: "Straggler probabilities.") var stragglerProbability: String?
    @Option(name: .customLong("straggler-factor"), help: "Straggler factors.") var stragglerFactor: String?
    @Option(name: .customLong("worker-times"), help: "Base worker times: equal, sqrt, linear.") var workerTimes: String?
    @Option(help: "Cluster algorithms for workers:N: sync, sync-backup:K, async, rennala:B, ringmaster:R.") var algorithm: String?
    @Option(name: .customLong("communication-time"), help: "Communication times per message for workers:N.") var communicationTime: String?
    @Option(help: "Warm-ups: none, gradual, paper.") var warmup: String?
    @Option(name: .customLong("warmup-epochs"), help: "Warm-up lengths in epochs.") var warmupEpochs: String?
    @Option(name: .customLong("ramp-epochs"), help: "Delay ramps in epochs.") var rampEpochs: String?
    @Option(name: .customLong("clip-norm"), help: "Clipping norms, or none.") var clipNorm: String?
    @Option(name: .customLong("dc-lambda"), help: "DC-ASGD λ values, or none.") var dcLambda: String?
    @Option(name: .customLong("dc-adaptive"), help: "Adaptive DC-ASGD: true, false.") var dcAdaptive: String?
    @Option(name: .customLong("dc-momentum"), help: "Adaptive DC-ASGD running-mean factors.") var dcMomentum: String?
    @Option(name: .customLong("staleness-lr"), help: "Staleness-aware learning rates: none, inverse, capped:C, poly:a.") var stalenessLR: String?
    @Option(help: ArgumentHelp("Remedy combinations: none or +-joined dc:λ, dca:λ, inverse, capped:C, clip:N, ramp:E, "
                               + "warmup:gradual[:E], warmup:paper[:E].", valueName: "remedies")) var remedy: String?
    @Option(help: "Seeds, e.g. 1,2,3.") var seed: String?

    @Option(help: "A grid file, JSON {\"option\": value or [values], …} or YAML (.yaml/.yml) `option: [values]`; command-line options override its entries.")
    var grid: String?

    /// The values given on the command line, by parameter.
    var given: [SweepParameter: String] {
        let all: [(SweepParameter, String?)] = [
            (.dataset, dataset), (.input, input), (.optimizer, optimizer), (.momentum, momentum),
            (.nesterov, nesterov), (.weightDecay, weightDecay), (.beta1, beta1), (.beta2, beta2),
            (.schedule, schedule), (.epochs, epochs), (.trainSubset, trainSubset), (.testSubset, testSubset),
            (.threads, threads), (.batch, batch), (.lr, lr), (.delay, delay), (.flushDelayed, flushDelayed),
            (.delaySampling, delaySampling), (.sigma, sigma), (.model, model), (.calibration, calibration), (.slowFraction, slowFraction),
            (.slowFactor, slowFactor), (.stragglerProbability, stragglerProbability),
            (.stragglerFactor, stragglerFactor), (.workerTimes, workerTimes), (.algorithm, algorithm),
            (.communicationTime, communicationTime), (.warmup, warmup), (.warmupEpochs, warmupEpochs),
            (.rampEpochs, rampEpochs), (.clipNorm, clipNorm), (.dcLambda, dcLambda), (.dcAdaptive, dcAdaptive),
            (.dcMomentum, dcMomentum), (.stalenessLR, stalenessLR), (.remedy, remedy), (.seed, seed),
        ]
        return Dictionary(uniqueKeysWithValues: all.compactMap { p, v in v.map { (p, $0) } })
    }

    /// The grid: the grid file's axes, overridden by the command line's.
    /// - Throws: `CommandLineError` (one line, exit status 1) with the grid's message.
    func sweepGrid() throws -> SweepGrid {
        do {
            var fromCommandLine = SweepGrid()
            for (parameter, text) in given { try fromCommandLine.set(parameter, to: text) }
            let fromFile = try grid.map { path throws(SweepError) in try SweepGrid.load(file: path) } ?? SweepGrid()
            return fromFile.overridden(by: fromCommandLine)
        } catch {
            throw CommandLineError(error.description)
        }
    }
}
