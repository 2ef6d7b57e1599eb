import Foundation
import Testing

/// Hostile input to every command: one `Error:` line, exit status 1, never a signal, in bounded time.
@Suite struct HostileInputCommandTests {
    /// Runs `arguments` in a fresh sandbox (with a tiny data set in `data/`) and checks the refusal.
    private func expectRefusal(_ arguments: [String], message: String, environment extra: [String: String] = [:],
                               prepare: (Sandbox) throws -> Void = { _ in }) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "data", train: 8, test: 4)
        try prepare(sandbox)
        let result = try CommandRunner.run(arguments, in: sandbox.root, environment: sandbox.environment(extra),
                                           timeLimit: 60)
        #expect(!result.signaled, "\(arguments) ended by a signal")
        #expect(result.status == 1, "\(arguments): status \(result.status)")
        #expect(result.stderr.hasPrefix("Error: ") && result.stderr.split(separator: "\n").count == 1,
                "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    private static let train = ["train", "--data", "data", "--train-subset", "8", "--test-subset", "4", "--batch", "4"]

    @Test(arguments: [
        (["simulate", "--workers", "4", "--per-worker", "4611686018427387904"], "exceed 9223372036854775807 arrivals"),
        (["simulate", "--workers", "4", "--warmup", "4611686018427387904"], "exceed 9223372036854775807 arrivals"),
        (["simulate", "--gradients", "9223372036854775807", "--warmup", "1"], "exceed 9223372036854775807 arrivals"),
        (["simulate", "--workers", "1000000000000"], "the number of workers must be at most 100000000"),
        (["simulate", "--workers", "9223372036854775807"], "the number of workers must be at most 100000000"),
        (["simulate", "--sigma", "1e9"], "model normal needs σ ≤ 10, got sigma 1000000000.0"),
        (["simulate", "--sigma", "1e8"], "model normal needs σ ≤ 10"),
        (["simulate", "--slow-factor", "1e-300", "--slow-fraction", "0.5"], "slow-worker factor 1e-300 is outside [0.001, 1000.0]"),
        (["simulate", "--slow-factor", "1e300", "--slow-fraction", "1"], "slow-worker factor 1e+300 is outside"),
        (["simulate", "--straggler-probability", "1", "--straggler-factor", "1e-300"], "straggler factor 1e-300 is outside"),
        (["sweep", "--dry-run", "--lr", "1e-4:1e-1:1e-300"], "the range has more than 10000 values"),
        (["sweep", "--dry-run", "--remedy", "dc:0.04+dc:0.1"], "both set the delay compensation"),
        (["sweep", "--dry-run", "--remedy", "inverse+capped:2"], "both set the staleness-aware learning rate"),
        (["sweep", "--dry-run", "--remedy", "dc:0.04+dca:2"], "both set the delay compensation"),
        (train + ["--emulate-workers", "10000000"], "emulating 10000000 workers (one parameter copy each) needs about 2.5 TB of memory"),
        (train + ["--workers", "10000000"], "10000000 workers give delays of about 9999999; at most 4096 is supported"),
        (train + ["--emulate-workers", "3", "--straggler-probability", "1", "--straggler-factor", "1e-300"], "straggler factor 1e-300 is outside"),
        (train + ["--emulate-workers", "3", "--slow-factor", "1e300", "--slow-fraction", "1"], "slow-worker factor 1e+300 is outside"),
        (train + ["--staleness-log", "/proc/x.csv"], "cannot write /proc/x.csv"),
        (train + ["--out", ""], "--out needs a directory, got an empty path"),
    ] as [([String], String)])
    func absurdNumbersAreRefused(arguments: [String], message: String) throws {
        try expectRefusal(arguments, message: message)
    }

    @Test func memoryBeyondTheLimitIsRefusedWithTheFigure() throws {
        try expectRefusal(Self.train + ["--emulate-workers", "20000"],
                          message: "emulating 20000 workers (one parameter copy each) needs about 4.9 GB of memory, more than the limit STALENESS_MAX_MEMORY=1.1 GB",
                          environment: ["STALENESS_MAX_MEMORY": "1G"])
        try expectRefusal(["simulate", "--workers", "100000"], message: "simulating 100000 workers needs about 25.7 MB",
                          environment: ["STALENESS_MAX_MEMORY": "1M"])
        try expectRefusal(["simulate"], message: "STALENESS_MAX_MEMORY='much' is not a size",
                          environment: ["STALENESS_MAX_MEMORY": "much"])
    }

    @Test func countsSummingPastIntMaxAreRefused() throws {
        try expectRefusal(["fit", "counts.csv", "--out", "out"], message: "counts.csv:2: the total count exceeds 9223372036854775807") {
            try $0.write(Array("3,5\n4,9223372036854775807\n5,9223372036854775807\n".utf8), to: "counts.csv")
        }
        try expectRefusal(["fit", "counts.csv", "--out", "out"], message: "'3.5' is not integer-valued") {
            try $0.write(Array("3.5\n4\n".utf8), to: "counts.csv")
        }
    }

    @Test func aTraceNamingAHugeWorkerIdIsRefused() throws {
        try expectRefusal(Self.train + ["--trace", "trace.csv"], message: "emulating 100000001 workers") {
            try $0.write(Array("arrival,worker,staleness\n0,100000000,0\n".utf8), to: "trace.csv")
        }
    }

    /// One simulated distribution file, edited into every hostile variant, given to `train
    /// --delay-dist` and `sweep --delay dist:`.
    @Test func hostileDistributionFilesAreRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let simulated = try CommandRunner.run(["simulate", "--workers", "4", "--gradients", "2000", "--out", "d"],
                                              in: sandbox.root, environment: sandbox.environment())
        #expect(simulated.status == 0)
        let data = try Data(contentsOf: sandbox.url("d/staleness-N4-normal-sigma0.2.json"))
        let original = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func normal(_ key: String, _ value: Any) -> [String: Any] {
            var object = original, analysis = object["analysis"] as! [String: Any], fit = analysis["normal"] as! [String: Any]
            fit[key] = value
            analysis["normal"] = fit
            object["analysis"] = analysis
            return object
        }
        func histogram(_ extra: [String: Int]) -> [String: Any] {
            var object = original
            object["histogram"] = (object["histogram"] as! [String: Any]).merging(extra) { $1 }
            return object
        }
        let variants: [(String, [String: Any], String)] = [
            ("overflow", histogram(["4": .max, "5": .max]), "counts add up to more than 9223372036854775807"),
            ("bigkey", histogram(["1000000000000": 1]), "histogram key 1000000000000 exceeds the supported maximum"),
            ("negative", normal("standardDeviation", -1.0), "analysis.normal.standardDeviation is -1.0, below 0"),
            ("nan", normal("mean", "nan"), "analysis.normal.mean is NaN"),
            ("mean", normal("mean", 1e12), "the fitted delays of mean.json reach 10000000000"),
            ("sd", normal("discretisedSigma", 1e9), "the fitted delays of sd.json reach 600000000"),
        ]
        try sandbox.writeDataset(in: "data", train: 8, test: 4)
        for (name, object, message) in variants {
            try JSONSerialization.data(withJSONObject: object).write(to: sandbox.url("\(name).json"))
            for arguments in [Self.train + ["--delay-dist", "\(name).json"],
                              ["sweep", "--dry-run", "--delay", "dist:\(name).json"]] {
                let result = try CommandRunner.run(arguments, in: sandbox.root, environment: sandbox.environment(),
                                                   timeLimit: 60)
                #expect(!result.signaled && result.status == 1, "\(arguments): \(result.status)")
                #expect(result.stderr.hasPrefix("Error: ") && result.stderr.split(separator: "\n").count == 1)
                #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            }
        }
        // Python's json.dump writes a NaN bare, which no JSON parser reads: it is named as a NaN.
        let text = String(decoding: try JSONSerialization.data(withJSONObject: normal("mean", 0.5)), as: UTF8.self)
        #expect(text.contains("\"mean\":0.5"))
        try text.replacingOccurrences(of: "\"mean\":0.5", with: "\"mean\": NaN").write(
            to: sandbox.url("python.json"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(Self.train + ["--delay-dist", "python.json"], in: sandbox.root,
                                           environment: sandbox.environment(), timeLimit: 60)
        #expect(result.status == 1 && result.stderr.contains("python.json is malformed: it holds a bare NaN"), "\(result.stderr)")
    }

    @Test func aJSONGridWithADuplicateKeyOrAnEmptyListIsRefused() throws {
        try expectRefusal(["sweep", "--dry-run", "--grid", "g.json"], message: "option lr is given twice") {
            try $0.write(Array(#"{"lr": [0.1], "lr": [0.2]}"#.utf8), to: "g.json")
        }
        try expectRefusal(["sweep", "--dry-run", "--grid", "g.json"], message: "option lr has no values") {
            try $0.write(Array(#"{"lr": []}"#.utf8), to: "g.json")
        }
    }

    /// A second run into the folder of a finished one: while it runs the old summary is gone and the
    /// folder says `running`; when it finishes, its own summary is there.
    @Test func aSecondRunNeverSitsBesideThePreviousSummary() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "data", train: 8, test: 4)
        let first = try CommandRunner.run(Self.train + ["--out", "run"], in: sandbox.root,
                                          environment: sandbox.environment(), timeLimit: 120)
        #expect(first.status == 0)
        #expect(FileManager.default.fileExists(atPath: sandbox.url("run/summary.json").path))
        #expect(!FileManager.default.fileExists(atPath: sandbox.url("run/running.json").path))
        // A second run that stops at bad data after the folder was checked leaves the old run alone.
        try FileManager.default.removeItem(at: sandbox.url("data/t10k-labels-idx1-ubyte"))
        let refused = try CommandRunner.run(Self.train + ["--out", "run", "--lr", "0.05"], in: sandbox.root,
                                            environment: sandbox.environment(), timeLimit: 120)
        #expect(refused.status == 1)
        #expect(FileManager.default.fileExists(atPath: sandbox.url("run/summary.json").path))
        try sandbox.writeDataset(in: "data", train: 8, test: 4)
        let second = try CommandRunner.run(Self.train + ["--out", "run", "--lr", "0.05"], in: sandbox.root,
                                           environment: sandbox.environment(), timeLimit: 120)
        #expect(second.status == 0)
        let summary = try String(contentsOf: sandbox.url("run/summary.json"), encoding: .utf8)
        #expect(summary.contains("0.05"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.url("run/running.json").path))
    }
}

/// ArgumentParser's usage errors exit with status 1 like every other refusal (not its own 64);
/// help and the version still exit 0.
@Suite struct UsageErrorExitTests {
    @Test(arguments: [
        (["train", "--remedy", "x"], "Unknown option '--remedy'"),
        (["simulate", "--seed", "-3"], "--seed"),
        (["nosuch"], "Unexpected argument 'nosuch'"),
        (["fit"], "Missing expected argument"),
    ] as [([String], String)])
    func usageErrorsExitWithOne(arguments: [String], message: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try CommandRunner.run(arguments, in: sandbox.root, environment: sandbox.environment(), timeLimit: 60)
        #expect(result.status == 1, "\(arguments): status \(result.status)")
        #expect(result.stderr.hasPrefix("Error: ") && result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func helpAndVersionExitWithZero() throws {
        for arguments in [["--help"], ["train", "--help"], ["--version"]] {
            #expect(try CommandRunner.run(arguments).status == 0, "\(arguments)")
        }
    }
}
