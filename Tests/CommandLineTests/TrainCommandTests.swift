import Foundation
import Testing

@Suite struct TrainCommandTests {
    func train(_ arguments: [String], in sandbox: Sandbox) throws -> CommandRunner.Result {
        try CommandRunner.run(["train", "--data", sandbox.url("data").path, "--out", sandbox.url("out").path]
                                  + arguments, environment: sandbox.environment())
    }

    @Test func trainsAndWritesMetricsForEveryEpoch() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "data", train: 40, test: 10, noisy: true)
        let result = try train(["--epochs", "2", "--batch", "8", "--json"], in: sandbox)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(summary?["status"] as? String == "completed")
        #expect((summary?["testAccuracy"] as? [Double])?.count == 3)
        let csv = try String(contentsOf: sandbox.url("out/metrics.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 3)
        let jsonl = try String(contentsOf: sandbox.url("out/metrics.jsonl"), encoding: .utf8)
        #expect(jsonl.split(separator: "\n").count == 3)
        #expect(FileManager.default.fileExists(atPath: sandbox.url("out/summary.json").path))
    }

    /// Without --out, a run's directory carries its hash: runs that differ only in their epochs (or
    /// anything else) never share one, so no folder mixes a run's metrics with another's summary.
    @Test func defaultDirectoriesOfDifferentRunsDiffer() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "data", train: 40, test: 10, noisy: true)
        for epochs in ["1", "2"] {
            let result = try CommandRunner.run(["train", "--data", sandbox.url("data").path, "--epochs", epochs, "--batch", "8"],
                                               in: sandbox.root, environment: sandbox.environment())
            #expect(result.status == 0, "\(result.stderr)")
        }
        let runs = try FileManager.default.contentsOfDirectory(atPath: sandbox.url("notebooks-data/runs").path).sorted()
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0.hasPrefix("sgd-lr0.01-b8-sync-s1-") && $0.count == "sgd-lr0.01-b8-sync-s1-".count + 8 })
        for run in runs {
            let summary = try String(contentsOf: sandbox.url("notebooks-data/runs/\(run)/summary.json"), encoding: .utf8)
            #expect(summary.contains("\"completed\""))
        }
    }

    @Test func divergenceExitsWithItsOwnCodeAndKeepsEarlierMetrics() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "data", train: 40, test: 10, noisy: true)
        let result = try train(["--epochs", "3", "--batch", "4", "--lr", "1e12", "--momentum", "0"], in: sandbox)
        #expect(result.status == 3)
        #expect(result.stderr.contains("diverged"))
        let csv = try String(contentsOf: sandbox.url("out/metrics.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("epoch,"))
        let summary = try String(contentsOf: sandbox.url("out/summary.json"), encoding: .utf8)
        #expect(summary.contains("\"diverged\""))
    }

    @Test(arguments: [
        (["--batch", "0"], "batch"),
        (["--batch", "41"], "batch size 41"),
        (["--lr=-0.1"], "learning rate"),
        (["--lr", "nan"], "--lr nan: not a number"),
        (["--optimizer", "lbfgs"], "lbfgs"),
        (["--delay=-1"], "delay"),
        (["--delay", "4", "--dc-lambda=-1"], "λ"),
        (["--epochs", "2", "--warmup", "paper", "--warmup-epochs", "5"], "warm-up"),
        (["--epochs", "1", "--delay", "4", "--ramp-epochs", "2"], "ramp"),
        (["--delay-dist", "/nonexistent/dist.json"], "/nonexistent/dist.json"),
        (["--delay", "3", "--workers", "4"], "one delay model"),
    ])
    func badInputGivesOneClearLine(arguments: [String], mention: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "data", train: 40, test: 10, noisy: true)
        let result = try train(arguments, in: sandbox)
        #expect(result.status != 0)
        #expect(result.status != 3)
        #expect(result.stderr.contains(mention), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func corruptImagesAreNamed() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "data", train: 40, test: 10, imageMagic: 9)
        let result = try train([], in: sandbox)
        #expect(result.status != 0)
        #expect(result.stderr.contains("train-images-idx3-ubyte"), "\(result.stderr)")
    }

    @Test func delayDistributionOfAnotherVersionIsRejected() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "data", train: 40, test: 10, noisy: true)
        try sandbox.write(Array(#"{"formatVersion": 99, "histogram": {"3": 10}}"#.utf8), to: "dist.json")
        let result = try train(["--delay-dist", sandbox.url("dist.json").path], in: sandbox)
        #expect(result.status != 0)
        #expect(result.stderr.contains("version"), "\(result.stderr)")
    }

    /// A distribution written by `simulate` drives sampled delays end to end.
    @Test func trainsWithDelaysSampledFromASimulatedDistribution() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "data", train: 40, test: 10, noisy: true)
        let simulate = try CommandRunner.run(
            ["simulate", "--workers", "4", "--sigma", "0.2", "--gradients", "10000", "--seed", "1",
             "--out", sandbox.url("sim").path, "--json"], environment: sandbox.environment())
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: sandbox.url("sim").path)
        let distribution = try #require(files.first { $0.hasSuffix(".json") })
        let result = try train(["--delay-dist", sandbox.url("sim/\(distribution)").path, "--epochs", "1",
                                "--batch", "4", "--json"], in: sandbox)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("sampled"))
    }
}
