import Foundation
import Testing

/// Random and mutated input, from a fixed seed, to every subcommand: numbers at the edges in every
/// option, byte-flipped copies of valid distribution files, histograms, traces, IDX files and
/// results stores. Each run ends by exiting — 0, 1 (a refusal, starting with an `Error:` line:
/// the library's or ArgumentParser's for a value it cannot parse) or, for `train`, 3 (a run that
/// diverged, e.g. at learning rate 10¹⁸, kept with its metrics) — never by a signal, and within its
/// time limit (a run killed at the limit counts as signalled).
@Suite struct FuzzCommandTests {
    /// One command line and the files it reads, written into a fresh sandbox beside a tiny data set.
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var files: [String: [UInt8]] = [:]

        var testDescription: String {
            arguments.map { $0.count > 40 ? String($0.prefix(20)) + "…(\($0.count))" : $0 }.joined(separator: " ")
                + (files.isEmpty ? "" : " [files: \(files.keys.sorted().joined(separator: ", "))]")
        }
    }

    /// SplitMix64: a small generator whose stream is the same on every platform.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

        mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

        /// `bytes` with one random mutation: flipped bytes, a truncation, a duplicated chunk or an
        /// edge number spliced in.
        mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
            guard !bytes.isEmpty else { return Array(pick(FuzzCommandTests.numbers).utf8) }
            var result = bytes
            switch below(4) {
            case 0:
                for _ in 0...below(8) { result[below(result.count)] = UInt8(truncatingIfNeeded: next()) }
            case 1:
                result = Array(result.prefix(below(result.count)))
            case 2:
                let start = below(result.count), end = min(result.count, start + 1 + below(64))
                result.insert(contentsOf: result[start..<end], at: below(result.count))
            default:
                result.insert(contentsOf: Array(pick(FuzzCommandTests.numbers).utf8), at: below(result.count))
            }
            return result
        }
    }

    /// Numbers at the edges, and things that are not numbers.
    static let numbers = ["0", "-1", "1", "2", "1e300", "-1e300", "1e-300", "nan", "NaN", "inf", "-inf",
                          "9223372036854775807", "-9223372036854775808", "9223372036854775808", "0.5", "1.5",
                          "", String(repeating: "9", count: 5000), "abc", "1,2", "0x10", "+3", "3.0e0", "-0"]

    /// Edges that overflow a count or a product of counts.
    static let large = ["9223372036854775807", "1e300", "4611686018427387904", "2147483648"]

    /// Valid inputs, written once by running the tool: the mutations start from these.
    struct Seeds {
        var distribution: [UInt8]
        var histogram: [UInt8]
        var trace: [UInt8]
        var store: [UInt8]
        var calibration: [UInt8]
        var images: [UInt8]
        var labels: [UInt8]
    }

    static let seeds: Seeds = {
        // Failures here surface as empty seeds, whose mutations are still valid fuzz input.
        let sandbox = try? Sandbox()
        defer { sandbox?.remove() }
        guard let sandbox else { return Seeds(distribution: [], histogram: [], trace: [], store: [], calibration: [],
                                              images: [], labels: []) }
        try? sandbox.writeDataset(in: "data", train: 8, test: 4)
        let environment = sandbox.environment()
        _ = try? CommandRunner.run(["simulate", "--workers", "4", "--gradients", "400", "--warmup", "2", "--out", "s",
                                    "--trace", "s/trace.csv"], in: sandbox.root, environment: environment, timeLimit: 60)
        _ = try? CommandRunner.run(["calibrate", "s/trace.csv", "--workers", "4", "--gradients", "400", "--repeats", "0",
                                    "--models", "normal", "--output", "s/calibration.json"],
                                   in: sandbox.root, environment: environment, timeLimit: 60)
        _ = try? CommandRunner.run(["sweep", "--store", "s/store.sqlite", "--data", "data", "--train-subset", "8",
                                    "--test-subset", "4", "--batch", "4", "--epochs", "1", "--lr", "0.01", "--jobs", "1"],
                                   in: sandbox.root, environment: environment, timeLimit: 120)
        func read(_ path: String) -> [UInt8] { (try? Data(contentsOf: sandbox.url(path))).map { Array($0) } ?? [] }
        let stem = "s/staleness-N4-normal-sigma0.2"
        return Seeds(distribution: read(stem + ".json"), histogram: read(stem + "-histogram.csv"),
                     trace: read("s/trace.csv"), store: read("s/store.sqlite"), calibration: read("s/calibration.json"),
                     images: read("data/train-images-idx3-ubyte"), labels: read("data/train-labels-idx1-ubyte"))
    }()

    static let cases: [Case] = {
        var g = Generator(state: 0x5EED_10B)
        var cases: [Case] = []
        let paths = ["", "/", "/proc/x", "/dev/null", "out/x", "nonexistent/dir/x", String(repeating: "a", count: 300)]

        // Every numeric option gets one large edge and one other edge value.
        func edges(_ g: inout Generator) -> [String] { [g.pick(large), g.pick(numbers)] }

        // simulate: one option at an edge, on a tiny run.
        let simulate = ["--workers", "--sigma", "--slow-fraction", "--slow-factor", "--straggler-probability",
                        "--straggler-factor", "--gradients", "--per-worker", "--warmup", "--seed"]
        // A count of gradients that fits is honest (if long) work; the counts get the edges that overflow.
        let counts = ["--gradients", "--per-worker", "--warmup"]
        var simulateCases: [(String, String)] = simulate.flatMap { option in
            (counts.contains(option) ? [g.pick(Array(large.prefix(2))), g.pick(numbers)] : edges(&g)).map { (option, $0) }
        }
        simulateCases += ["normal", "exponential", "gamma", "", "x"].map { ("--model", $0) }
        simulateCases += [("--trace", g.pick(paths)), ("--out", g.pick(paths)), ("--out", g.pick(paths)),
                          ("--calibration", "c.json"), ("--calibration", "c.json"), ("--workers", "2,0,3"),
                          ("--workers", "4,4,,4")]
        for (option, value) in simulateCases {
            var base = ["--workers": "4", "--gradients": "400", "--warmup": "2", "--out": "out"]
            if option == "--per-worker" { base["--gradients"] = nil }
            base[option] = value
            cases.append(Case(arguments: ["simulate"] + base.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] },
                              files: ["c.json": g.mutate(seeds.calibration)]))
        }
        // fit: random lines and mutated histograms, traces and distribution files.
        for index in 0..<20 {
            let content: [UInt8]
            switch index % 4 {
            case 0:
                content = Array((0..<(1 + g.below(6))).map { _ in
                    (0..<(1 + g.below(3))).map { _ in g.pick(numbers) }.joined(separator: g.pick([",", "\t", " ", ";"]))
                }.joined(separator: "\n").utf8)
            case 1: content = g.mutate(seeds.histogram)
            case 2: content = g.mutate(seeds.trace)
            default: content = Array((g.pick(numbers) + "," + g.pick(numbers) + "\n" + g.pick(numbers) + ","
                                      + g.pick(numbers) + "\n").utf8)
            }
            var arguments = ["fit", "log.csv", "--out", "out"]
            if g.below(3) == 0 { arguments += [g.pick(["--column", "--layout", "--stem"]), g.pick(numbers + ["histogram", "columns"])] }
            cases.append(Case(arguments: arguments, files: ["log.csv": content]))
        }
        // train: each option at two edges, and mutated distribution, calibration and IDX files.
        let train = ["--lr", "--batch", "--epochs", "--workers", "--emulate-workers", "--sigma", "--delay", "--seed",
                     "--momentum", "--clip-norm", "--train-subset", "--test-subset", "--dc-lambda", "--weight-decay",
                     "--communication-time", "--ramp-epochs", "--warmup-epochs", "--threads", "--beta1"]
        let trainBase = ["train", "--data", "data", "--train-subset", "8", "--test-subset", "4", "--batch", "4",
                         "--epochs", "1", "--out", "runs/r"]
        for option in train {
            for value in edges(&g) { cases.append(Case(arguments: trainBase + [option, value])) }
        }
        for (option, value) in [("--emulate-workers", "3"), ("--workers", "3")] {
            for extra in ["--communication-time", "--straggler-factor", "--slow-factor", "--sigma"] {
                cases.append(Case(arguments: trainBase + [option, value, extra, g.pick(large + numbers)]))
            }
        }
        for _ in 0..<6 {
            cases.append(Case(arguments: trainBase + ["--delay-dist", "d.json",
                                                      "--delay-sampling", g.pick(["fitted", "empirical", "best", "gamma"])],
                              files: ["d.json": g.mutate(seeds.distribution)]))
            cases.append(Case(arguments: trainBase + ["--emulate-workers", "3", "--calibration", "c.json"],
                              files: ["c.json": g.mutate(seeds.calibration)]))
            let name = g.pick(["data/train-images-idx3-ubyte", "data/train-labels-idx1-ubyte"])
            cases.append(Case(arguments: trainBase,
                              files: [name: g.mutate(name.contains("images") ? seeds.images : seeds.labels)]))
        }
        // sweep --dry-run: grid values at the edges and mutated grid files.
        let sweep = ["--lr", "--batch", "--epochs", "--delay", "--seed", "--remedy", "--shard", "--momentum",
                     "--sigma", "--workers", "--clip-norm"]
        let ranges = ["1e-4:1e-1:1e-300", "0:1:0", "1:0:-1", "nan:1:2", "2^-1000:2^1000", "2^5:2^10", "1:1e300",
                      "dc:0.04+dc:0.1", "none+inverse", "0/0", "1/0", "3/2", "9223372036854775807/9223372036854775807"]
        for index in 0..<15 {
            var arguments = ["sweep", "--dry-run", "--store", "s.sqlite", "--data", "data"]
            var files: [String: [UInt8]] = [:]
            if index % 3 == 0 {
                arguments += ["--grid", "grid.json"]
                files["grid.json"] = g.mutate(Array(#"{"lr": [0.01, 0.1], "batch": 4, "epochs": 1, "delay": ["sync", 2]}"#.utf8))
            } else {
                arguments += [g.pick(sweep), g.pick(numbers + ranges)]
            }
            cases.append(Case(arguments: arguments, files: files))
        }
        // calibrate and compare on mutated logs, traces, distribution and calibration files.
        for _ in 0..<10 {
            var arguments = ["calibrate", "log.csv", "--workers", "4", "--gradients", "400", "--repeats", "0",
                             "--models", "normal", "--output", "out/c.json"]
            if g.below(2) == 0 {
                arguments += [g.pick(["--workers", "--gradients", "--repeats", "--seed", "--slow-factor", "--models"]),
                              g.pick(numbers)]
            }
            cases.append(Case(arguments: arguments, files: ["log.csv": g.mutate(g.pick([seeds.trace, seeds.histogram]))]))
        }
        for _ in 0..<12 {
            let sources = [seeds.distribution, seeds.trace, seeds.histogram, seeds.calibration]
            cases.append(Case(arguments: ["compare", "a", "b", "--out", "out"],
                              files: ["a": g.mutate(g.pick(sources)), "b": g.pick(sources)]))
        }
        // export and figures on a byte-flipped results store.
        for index in 0..<10 {
            let command = index % 2 == 0 ? "export" : "figures"
            cases.append(Case(arguments: [command, "--store", "store.sqlite", "--out", index % 5 == 4 ? g.pick(paths) : "out"],
                              files: ["store.sqlite": g.mutate(seeds.store)]))
        }
        // merge from a byte-flipped store; reproduce --dry-run and data info with edge values.
        for _ in 0..<4 {
            cases.append(Case(arguments: ["merge", "a.sqlite", "b.sqlite", "--into", "out.sqlite"],
                              files: ["a.sqlite": g.mutate(seeds.store), "b.sqlite": seeds.store]))
        }
        for _ in 0..<4 {
            cases.append(Case(arguments: ["reproduce", "--dry-run", "--out", "r",
                                          g.pick(["--seeds", "--shard", "--part", "--jobs"]), g.pick(large + numbers + ranges)]))
        }
        for name in ["data/t10k-images-idx3-ubyte", "data/t10k-labels-idx1-ubyte"] {
            cases.append(Case(arguments: ["data", "info", "--data", "data"],
                              files: [name: g.mutate(name.contains("images") ? seeds.images : seeds.labels)]))
        }
        return cases
    }()

    /// The mutations start from real files: each seed was written by the tool.
    @Test func seedsAreRealFiles() {
        let seeds = Self.seeds
        #expect(String(decoding: seeds.distribution, as: UTF8.self).contains("\"formatVersion\""))
        #expect(String(decoding: seeds.histogram, as: UTF8.self).hasPrefix("staleness,count,"))
        #expect(String(decoding: seeds.trace, as: UTF8.self).hasPrefix("arrival,worker,staleness"))
        #expect(String(decoding: seeds.calibration, as: UTF8.self).contains("\"models\""))
        #expect(seeds.store.starts(with: Array("SQLite format 3".utf8)))
        #expect(seeds.images.count == 16 + 8 * 784 && seeds.labels.count == 8 + 8)
        #expect(Self.cases.count >= 120)
    }

    @Test(arguments: cases)
    func exitsWithoutASignalInBoundedTime(_ fuzz: Case) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "data", train: 8, test: 4)
        for (path, bytes) in fuzz.files { try sandbox.write(bytes, to: path) }
        let result = try CommandRunner.run(fuzz.arguments, in: sandbox.root, environment: sandbox.environment(),
                                           timeLimit: 60)
        #expect(!result.signaled, "ended by a signal or the time limit: \(result.stderr.suffix(500))")
        let diverged: Int32? = fuzz.arguments.first == "train" ? 3 : nil
        #expect([0, 1, diverged].contains(result.status), "status \(result.status): \(result.stderr.suffix(500))")
        if result.status == 1 {
            #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr.suffix(500))")
        }
    }
}
