import Foundation
import Testing

/// The path from a log to training under its calibrated cluster, through the command line.
@Suite struct CalibrationCommandTests {
    /// NumPy's `savetxt` layout read from standard input: every line is a value.
    @Test func fitReadsANumPyLogFromStandardInput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let log = "0.000000000000000000e+00\n3.000000000000000000e+00\n3.000000000000000000e+00\n5.000000000000000000e+00\n"
        let result = try CommandRunner.run(["fit", "-", "--out", "out", "--json"], in: sandbox.root, input: Data(log.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""count":4"#))
        #expect(result.stdout.contains(#""mean":2.75"#))
    }

    /// Log → calibrate → extrapolate → compare → train: each step reads the previous one's file,
    /// and training under the calibration is the configuration of its model and σ spelled out.
    @Test func aLogCalibratesExtrapolatesComparesAndTrains() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        func run(_ arguments: [String]) throws -> CommandRunner.Result {
            let result = try CommandRunner.run(arguments, in: sandbox.root)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
        _ = try run(["simulate", "--workers", "6", "--model", "gamma", "--sigma", "0.5", "--gradients", "20000",
                     "--trace", "trace.csv", "--out", "sim"])
        let calibrate = try run(["calibrate", "trace.csv", "--column", "staleness", "--models", "gamma,normal",
                                 "--gradients", "20000", "--repeats", "0", "--output", "cal.json"])
        #expect(calibrate.stdout.contains("* gamma"))
        #expect(calibrate.stdout.contains("workers N = 6 (estimated from the mean"))
        let extrapolate = try run(["simulate", "--calibration", "cal.json", "--workers", "3,6,12", "--per-worker", "2000",
                                   "--out", "ext"])
        #expect(extrapolate.stdout.hasPrefix("calibrated cluster of trace.csv: gamma σ = "))
        #expect(extrapolate.stdout.split(separator: "\n").count == 6)
        let compare = try run(["compare", "trace.csv", "cal.json", "--out", "cmp"])
        #expect(compare.stdout.contains("[1] trace.csv: trace (column staleness)"))
        #expect(compare.stdout.contains("wrote cmp/compare.svg"))
        let pairs = try String(contentsOf: sandbox.url("cmp/compare-pairs.csv"), encoding: .utf8)
        #expect(pairs.hasPrefix("first,second,ks,ks_p,w1,mean_diff,sd_diff,q01_diff"))

        let calibration = try JSONSerialization.jsonObject(with: Data(contentsOf: sandbox.url("cal.json"))) as? [String: Any]
        let best = try #require((calibration?["models"] as? [[String: Any]])?.first)
        let sigma = try #require(best["sigma"] as? Double)
        let calibrated = try run(["train", "--calibration", "cal.json", "--emulate-workers", "16", "--dry-run"])
        let spelled = try run(["train", "--model", "gamma", "--sigma", "\(sigma)", "--emulate-workers", "16", "--dry-run"])
        #expect(calibrated.stdout == spelled.stdout && !calibrated.stdout.isEmpty)
    }

    @Test(arguments: [
        (["compare", "a.csv"], "give at least two sources to compare, got 1"),
        (["simulate", "--calibration", "cal.json", "--sigma", "0.3"],
         "--calibration sets the model and σ; give --calibration or --model/--sigma, not both"),
        (["simulate", "--calibration", "missing.json"], "cannot read missing.json: No such file or directory"),
        (["train", "--calibration", "missing.json", "--emulate-workers", "4", "--dry-run"],
         "--calibration missing.json: cannot read missing.json: No such file or directory"),
    ] as [([String], String)])
    func badInputGivesOneLine(arguments: [String], message: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try CommandRunner.run(arguments, in: sandbox.root)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("Error: \(message)\n"))
    }
}
