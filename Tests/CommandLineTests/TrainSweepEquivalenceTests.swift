import Foundation
import Testing

/// `train ARGS` and `sweep ARGS` (one point) name the same configuration: equal hashes from both
/// commands' `--dry-run`, for every `train` option at least once. Distinct cases must also give
/// distinct hashes, so an option that both commands ignored would be caught.
@Suite struct TrainSweepEquivalenceTests {
    /// (train arguments, the same point as sweep arguments); `DIST` and `TRACE` stand for files the
    /// test writes with `simulate`.
    static let cases: [([String], [String])] = [
        ([], []),
        (["--optimizer", "rmsprop"], ["--optimizer", "rmsprop"]),
        (["--optimizer", "rmsprop", "--momentum", "0.5"], ["--optimizer", "rmsprop", "--momentum", "0.5"]),
        (["--optimizer", "adam", "--lr", "0.001", "--beta1", "0.8", "--beta2", "0.99"],
         ["--optimizer", "adam", "--lr", "0.001", "--beta1", "0.8", "--beta2", "0.99"]),
        (["--optimizer", "adagrad", "--weight-decay", "0.0001"], ["--optimizer", "adagrad", "--weight-decay", "1e-4"]),
        (["--nesterov", "--momentum", "0.8"], ["--nesterov", "true", "--momentum", "0.8"]),
        (["--dataset", "fashion-mnist", "--input", "paper"], ["--dataset", "fashion-mnist", "--input", "paper"]),
        (["--schedule", "step:2:0.5", "--epochs", "4"], ["--schedule", "step:2:0.5", "--epochs", "4"]),
        (["--batch", "128", "--seed", "7", "--threads", "2"], ["--batch", "128", "--seed", "7", "--threads", "2"]),
        (["--train-subset", "500", "--test-subset", "100"], ["--train-subset", "500", "--test-subset", "100"]),
        (["--delay", "8"], ["--delay", "8"]),
        (["--delay", "8", "--flush-delayed"], ["--delay", "8", "--flush-delayed", "true"]),
        (["--delay-dist", "DIST"], ["--delay", "dist:DIST"]),
        (["--delay-dist", "DIST", "--delay-sampling", "empirical"], ["--delay", "dist:DIST", "--delay-sampling", "empirical"]),
        (["--workers", "4", "--sigma", "0.3", "--model", "gamma"], ["--delay", "sampled:4", "--sigma", "0.3", "--model", "gamma"]),
        (["--emulate-workers", "4", "--slow-fraction", "0.25"], ["--delay", "workers:4", "--slow-fraction", "0.25"]),
        (["--emulate-workers", "4", "--slow-fraction", "0.25", "--slow-factor", "3", "--straggler-probability", "0.1",
          "--straggler-factor", "4", "--worker-times", "sqrt"],
         ["--delay", "workers:4", "--slow-fraction", "0.25", "--slow-factor", "3", "--straggler-probability", "0.1",
          "--straggler-factor", "4", "--worker-times", "sqrt"]),
        (["--emulate-workers", "4", "--algorithm", "sync", "--communication-time", "0.5"],
         ["--delay", "workers:4", "--algorithm", "sync", "--communication-time", "0.5"]),
        (["--trace", "TRACE"], ["--delay", "trace:TRACE"]),
        (["--epochs", "6", "--warmup", "paper"], ["--epochs", "6", "--warmup", "paper"]),
        (["--epochs", "3", "--warmup", "gradual", "--warmup-epochs", "2"], ["--epochs", "3", "--warmup", "gradual", "--warmup-epochs", "2"]),
        (["--epochs", "2", "--delay", "4", "--ramp-epochs", "1", "--clip-norm", "5"],
         ["--epochs", "2", "--delay", "4", "--ramp-epochs", "1", "--clip-norm", "5"]),
        (["--delay", "4", "--dc-lambda", "0.04"], ["--delay", "4", "--dc-lambda", "0.04"]),
        (["--delay", "4", "--dc-adaptive", "--dc-momentum", "0.9"], ["--delay", "4", "--dc-adaptive", "true", "--dc-momentum", "0.9"]),
        (["--delay", "4", "--staleness-lr", "capped:2"], ["--delay", "4", "--staleness-lr", "capped:2"]),
        (["--delay", "4", "--staleness-lr", "inverse"], ["--delay", "4", "--remedy", "inverse"]),
    ]

    @Test func trainAndSweepGiveTheSameConfigurationHash() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let simulate = try CommandRunner.run(
            ["simulate", "--workers", "4", "--gradients", "2000", "--warmup", "0", "--out", sandbox.url("sim").path,
             "--trace", sandbox.url("trace.csv").path], environment: sandbox.environment())
        try #require(simulate.status == 0, "\(simulate.stderr)")
        let files = ["DIST": sandbox.url("sim/staleness-N4-normal-sigma0.2.json").path, "TRACE": sandbox.url("trace.csv").path]
        func substituted(_ arguments: [String]) -> [String] {
            arguments.map { argument in
                files.reduce(argument) { text, file in text.replacingOccurrences(of: file.key, with: file.value) }
            }
        }
        func hash(_ arguments: [String]) throws -> String {
            let result = try CommandRunner.run(substituted(arguments) + ["--dry-run"], environment: sandbox.environment())
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 1, "\(arguments): \(result.stdout)")
            return String(lines.first?.split(separator: " ").first ?? "")
        }
        var seen: [String: [String]] = [:]
        for (train, sweep) in Self.cases {
            let trainHash = try hash(["train"] + train), sweepHash = try hash(["sweep"] + sweep)
            #expect(trainHash == sweepHash, "train \(train) ≠ sweep \(sweep)")
            #expect(seen[trainHash] == nil, "\(train) gives the configuration of \(seen[trainHash] ?? [])")
            seen[trainHash] = train
        }
    }

    /// The study's rule, in both commands: SGD's momentum defaults to 0.9, RMSProp's to 0.
    @Test func momentumDefaultsByOptimizerInBoth() throws {
        for command in ["train", "sweep"] {
            let plain = try CommandRunner.run([command, "--optimizer", "rmsprop", "--dry-run"])
            let zero = try CommandRunner.run([command, "--optimizer", "rmsprop", "--momentum", "0", "--dry-run"])
            let sgd = try CommandRunner.run([command, "--dry-run"])
            let sgd09 = try CommandRunner.run([command, "--momentum", "0.9", "--dry-run"])
            #expect(plain.stdout == zero.stdout && !plain.stdout.isEmpty, "\(command)")
            #expect(sgd.stdout == sgd09.stdout && !sgd.stdout.isEmpty, "\(command)")
        }
    }
}
