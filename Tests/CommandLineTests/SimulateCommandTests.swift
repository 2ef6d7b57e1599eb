import Foundation
import Testing

@Suite struct SimulateCommandTests {
    /// A fresh empty working directory.
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func files(in directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        return (enumerator?.allObjects as? [String] ?? []).sorted()
    }

    @Test(arguments: [
        (["simulate", "--workers", "0"], "the number of workers must be at least 1, got 0"),
        (["simulate", "--workers", "4,0"], "the number of workers must be at least 1, got 0"),
        (["simulate", "--workers", "4,x"], "--workers must be an integer or a comma-separated list of integers, got '4,x'"),
        (["simulate", "--sigma=-0.5"], "sigma must be a finite number ≥ 0, got -0.5"),
        (["simulate", "--sigma", "nan"], "sigma must be a finite number ≥ 0, got nan"),
        (["simulate", "--model", "weibull"],
         "unknown model 'weibull' (expected one of: normal, lognormal, exponential, shifted-exponential, gamma, uniform)"),
        (["simulate", "--gradients", "0"], "the number of gradients to simulate must be at least 1"),
        (["simulate", "--per-worker", "0"], "the number of gradients to simulate must be at least 1"),
        (["simulate", "--gradients", "10", "--per-worker", "2"], "give either --gradients or --per-worker, not both"),
        (["simulate", "--workers", "2,4", "--trace", "t.csv"], "--trace needs a single worker count, not a scan"),
        (["simulate", "--warmup=-1"], "the warm-up must be ≥ 0 arrivals per worker, got -1"),
        (["simulate", "--slow-fraction", "1.5"], "slow-worker fraction 1.5 is not in [0, 1]"),
        (["fit", "missing.csv"], "cannot read missing.csv: No such file or directory"),
    ] as [([String], String)])
    func badInputGivesOneLineAndNoFiles(arguments: [String], message: String) throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(arguments + ["--out", "out"], in: directory)
        #expect(result.status != 0)
        #expect(result.stderr == "Error: \(message)\n")
        #expect(result.stdout.isEmpty)
        #expect(files(in: directory).isEmpty)
    }

    @Test func malformedInputFileIsNamedWithItsLine() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("value,count\n3,4\n4,x\n".utf8).write(to: directory.appendingPathComponent("counts.csv"))
        let result = try CommandRunner.run(["fit", "counts.csv", "--out", "out"], in: directory)
        #expect(result.status != 0)
        #expect(result.stderr == "Error: counts.csv:3: column 2: 'x' is not a number\n")
        #expect(files(in: directory) == ["counts.csv"])
    }

    @Test func unwritableOutputFailsBeforeSimulating() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data().write(to: directory.appendingPathComponent("occupied"))
        let result = try CommandRunner.run(["simulate", "--gradients", "1000", "--out", "occupied"], in: directory)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("Error: cannot write"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(files(in: directory) == ["occupied"])
    }

    @Test func simulationWritesItsFilesAndSameSeedRepeatsThem() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["simulate", "--workers", "8", "--gradients", "20000", "--seed", "3"]
        let first = try CommandRunner.run(arguments + ["--out", "a"], in: directory)
        let second = try CommandRunner.run(arguments + ["--out", "b"], in: directory)
        let other = try CommandRunner.run(["simulate", "--workers", "8", "--gradients", "20000", "--seed", "4",
                                           "--out", "c"], in: directory)
        #expect(first.status == 0 && second.status == 0 && other.status == 0)
        #expect(first.stdout.contains("mean 7.0"))
        let names = ["staleness-N8-normal-sigma0.2.json", "staleness-N8-normal-sigma0.2-histogram.csv",
                     "staleness-N8-normal-sigma0.2.svg"]
        for name in names {
            let a = try Data(contentsOf: directory.appendingPathComponent("a/" + name))
            #expect(a == (try Data(contentsOf: directory.appendingPathComponent("b/" + name))))
            #expect(a != (try Data(contentsOf: directory.appendingPathComponent("c/" + name))))
        }
    }

    @Test func jsonSummaryIsOneObjectOnStdout() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["simulate", "--workers", "1", "--gradients", "100", "--json",
                                            "--trace", "trace.csv"], in: directory)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["mean"] as? Double == 0)
        #expect(object["count"] as? Int == 100)
        #expect((object["simulation"] as? [String: Any])?["workers"] as? Int == 1)
        let trace = try String(contentsOf: directory.appendingPathComponent("trace.csv"), encoding: .utf8)
        #expect(trace.split(separator: "\n").count == 101)
    }

    @Test func scanWritesOneRowPerWorkerCount() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["simulate", "--workers", "2,4,8", "--per-worker", "500", "--sigma", "0",
                                            "--out", "out"], in: directory)
        #expect(result.status == 0)
        let table = try String(contentsOf: directory.appendingPathComponent("out/staleness-scan-normal-sigma0.0.csv"),
                               encoding: .utf8)
        let rows = table.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.map { $0[0] } == ["2", "4", "8"])
        #expect(rows.map { $0[3] } == ["1000", "2000", "4000"])
        #expect(rows.map { $0[4] } == ["1", "3", "7"])
    }

    @Test func fitReadsAHistogramFile() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("value,count\n3,10\n4,20\n5,12\n6,3\n".utf8).write(to: directory.appendingPathComponent("h.csv"))
        let result = try CommandRunner.run(["fit", "h.csv", "--out", "out", "--json"], in: directory)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["count"] as? Int == 45)
        #expect(files(in: directory.appendingPathComponent("out")) == ["fit-h-families.svg", "fit-h-histogram.csv", "fit-h.json", "fit-h.svg"])
        let named = try CommandRunner.run(["fit", "h.csv", "--out", "named", "--stem", "workers32"], in: directory)
        #expect(named.status == 0)
        #expect(files(in: directory.appendingPathComponent("named")) == ["workers32-families.svg", "workers32-histogram.csv", "workers32.json", "workers32.svg"])
        let bad = try CommandRunner.run(["fit", "h.csv", "--stem", "../x"], in: directory)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--stem ../x"))
    }
}
