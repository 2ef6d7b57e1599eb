import Foundation
import Testing
@testable import Experiments
import StalenessSimulation
@testable import Training

@Suite("Sweep grid")
struct SweepGridTests {
    @Test func powersOfTwoRange() throws {
        let values = try SweepValues.expand("2^-13:2^-5", option: "lr").map { Double($0)! }
        let expected: [Double] = (5...13).reversed().map { (k: Int) -> Double in 1.0 / Double(1 << k) }
        #expect(values == expected)
    }

    @Test func powersOfTenRanges() throws {
        #expect(try SweepValues.expand("1e-4:1e-1", option: "lr").map { Double($0)! } == [0.0001, 0.001, 0.01, 0.1])
        let half = try SweepValues.expand("10^-3:10^-2:0.5", option: "lr").map { Double($0)! }
        #expect(half.count == 3)
        #expect(half[0] == 0.001 && half[2] == 0.01)
        #expect(abs(half[1] - 0.0031622776601683794) < 1e-15)
    }

    @Test func integerRangeAndListsKeepOrder() throws {
        #expect(try SweepValues.expand("2^0:2^3", option: "delay") == ["1", "2", "4", "8"])
        #expect(try SweepValues.expand("2^3:2^1", option: "delay") == ["8", "4", "2"])
        #expect(try SweepValues.expand("sgd, adam", option: "optimizer") == ["sgd", "adam"])
        #expect(try SweepValues.expand("capped:4,sampled:33", option: "x") == ["capped:4", "sampled:33"])
        #expect(try SweepValues.expand("2^-3,10^-2", option: "lr") == ["0.125", "0.01"])
    }

    @Test(arguments: ["2^-3:10^-1", "3^1:3^2", "0.1,,0.2", "2^-1:2^1:0", "3^2"])
    func badValuesAreRejected(_ text: String) {
        #expect(throws: SweepError.self) { try SweepValues.expand(text, option: "lr") }
    }

    @Test func expansionIsTheProductWithTheLastParameterFastest() throws {
        var grid = SweepGrid()
        try grid.set(.optimizer, to: "sgd,adam")
        try grid.set(.lr, to: "0.1,0.01")
        try grid.set(.seed, to: "1,2")
        let configurations = try grid.configurations()
        #expect(configurations.count == 8)
        let expected: [(String, Double, UInt64)] = [
            ("sgd", 0.1, 1), ("sgd", 0.1, 2), ("sgd", 0.01, 1), ("sgd", 0.01, 2),
            ("adam", 0.1, 1), ("adam", 0.1, 2), ("adam", 0.01, 1), ("adam", 0.01, 2),
        ]
        for (c, e) in zip(configurations, expected) {
            #expect(c.optimizer.kind.rawValue == e.0 && c.learningRate == e.1 && c.seed == e.2)
        }
        #expect(try grid.configurations() == configurations)
    }

    @Test func delaysRemediesAndWarmupsBuildTheRightConfigurations() throws {
        var grid = SweepGrid()
        try grid.set(.delay, to: "sync,0,32,workers:4")
        try grid.set(.remedy, to: "none,dc:0.04+clip:1,warmup:paper:2")
        try grid.set(.epochs, to: "3")
        let c = try grid.configurations()
        #expect(c.count == 12)
        #expect(c[0].delay == .none)
        #expect(c[3].delay == .constant(delay: 0, flushAtEnd: false))
        #expect(c[7].delay == .constant(delay: 32, flushAtEnd: false))
        #expect(c[7].remedies.compensation == .constant(lambda: 0.04) && c[7].remedies.clipNorm == 1)
        #expect(c[8].schedule == .paper(warmupEpochs: 2))
        if case let .emulated(emulation) = c[9].delay { #expect(emulation.workers == 4) } else { Issue.record("not emulated") }
    }

    /// A calibration file gives workers:N and sampled:N its model and σ: the configurations equal
    /// those of the same model and σ spelled out; it excludes --model/--sigma and other delays.
    @Test func aCalibrationFileSetsTheModelAndSigmaOfSimulatedWorkers() throws {
        let log = StalenessSimulator.run(try SimulationConfiguration(workers: 6, model: .gamma(sigma: 0.5), gradients: 5_000, seed: 4))
        let calibration = try ClusterCalibration(log: log, source: "log", workers: 6, models: ["gamma", "normal"],
                                                 gradients: 5_000, repeats: 0)
        try TinyData.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("calibration.json")
            try calibration.write(to: url)
            var calibrated = SweepGrid()
            try calibrated.set(.delay, to: "workers:12,sampled:12")
            calibrated.set(.calibration, values: [url.path])
            var spelled = SweepGrid()
            try spelled.set(.delay, to: "workers:12,sampled:12")
            try spelled.set(.model, to: calibration.best.model)
            try spelled.set(.sigma, to: "\(calibration.best.sigma)")
            #expect(try calibrated.configurations() == spelled.configurations())
            if case let .emulated(emulation) = try calibrated.configurations()[0].delay,
               case let .simulated(model, _, _) = emulation.order {
                #expect(model.name == calibration.best.model && model.standardDeviation == calibration.best.sigma
                        && emulation.workers == 12)
            } else { Issue.record("not simulated workers") }

            let builder = ConfigurationBuilder()
            let message = "--calibration sets the model and σ; give --calibration or --model/--sigma, not both"
            #expect(throws: SweepError.invalidCombination(message)) {
                try builder.configuration([.delay: "workers:4", .calibration: url.path, .sigma: "0.3"])
            }
            #expect(throws: SweepError.self) { try builder.configuration([.delay: "32", .calibration: url.path]) }
            #expect(throws: SweepError.badValue(option: "calibration", value: "missing.json",
                                                reason: "cannot read missing.json: No such file or directory")) {
                try builder.configuration([.delay: "workers:4", .calibration: "missing.json"])
            }
        }
    }

    /// A calibration made with known stragglers brings them to the emulated workers; other
    /// heterogeneity options beside it are refused.
    @Test func aCalibrationBringsItsStragglers() throws {
        let stragglers = try WorkerHeterogeneity(stragglerProbability: 0.1, stragglerFactor: 4)
        let log = StalenessSimulator.run(try SimulationConfiguration(workers: 5, model: .normal(sigma: 0.3),
                                                                     heterogeneity: stragglers, gradients: 5_000, seed: 4))
        let calibration = try ClusterCalibration(log: log, source: "log", workers: 5, models: ["normal"],
                                                 heterogeneity: stragglers, gradients: 5_000, repeats: 0)
        try TinyData.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("calibration.json")
            try calibration.write(to: url)
            let builder = ConfigurationBuilder()
            let c = try builder.configuration([.delay: "workers:10", .calibration: url.path])
            if case let .emulated(emulation) = c.delay, case let .simulated(_, heterogeneity, _) = emulation.order {
                #expect(heterogeneity == stragglers)
            } else { Issue.record("not simulated workers") }
            #expect(throws: SweepError.self) {
                try builder.configuration([.delay: "workers:10", .calibration: url.path, .slowFraction: "0.5"])
            }
        }
    }

    @Test func equalConfigurationsAppearOnce() throws {
        var grid = SweepGrid()
        try grid.set(.optimizer, to: "sgd")
        try grid.set(.lr, to: "0.01,0.01")
        #expect(try grid.configurations().count == 1)
    }

    @Test func impossibleCombinationsAreReported() throws {
        var grid = SweepGrid()
        try grid.set(.batch, to: "0")
        #expect(throws: SweepError.self) { try grid.configurations() }
        var unknown = SweepGrid()
        try unknown.set(.optimizer, to: "lbfgs")
        #expect(throws: SweepError.self) { try unknown.configurations() }
    }

    @Test func gridFilesAndCommandLineOverrides() throws {
        try TinyData.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("grid.json")
            try Data(#"{"optimizer": ["sgd", "adam"], "lr": "2^-3:2^-1", "batch": [64, 128], "nesterov": false, "epochs": 2}"#.utf8)
                .write(to: url)
            let file = try SweepGrid.load(jsonFile: url.path)
            #expect(file.axes[.lr] == ["0.125", "0.25", "0.5"])
            #expect(file.axes[.batch] == ["64", "128"])
            #expect(file.axes[.nesterov] == ["false"])
            #expect(try file.configurations().count == 12)
            var commandLine = SweepGrid()
            try commandLine.set(.optimizer, to: "adam")
            #expect(try file.overridden(by: commandLine).configurations().count == 6)
            try Data(#"{"learning-rate": 0.1}"#.utf8).write(to: url)
            #expect(throws: SweepError.unknownOption("learning-rate", file: url.path)) { try SweepGrid.load(jsonFile: url.path) }
        }
    }

    @Test func yamlGridFileReadsLikeTheJSONOne() throws {
        try TinyData.withTemporaryDirectory { directory in
            let yaml = directory.appendingPathComponent("grid.yaml"), json = directory.appendingPathComponent("grid.json")
            try Data("""
                # the same grid as the JSON file below
                optimizer: [sgd, "adam"]
                lr: '2^-3:2^-1'   # three powers of two
                batch:
                  - 64
                  - 128
                delay: ["sampled:33,workers:33", 8]
                nesterov: false
                epochs: 2
                """.utf8).write(to: yaml)
            try Data(#"{"optimizer": ["sgd", "adam"], "lr": "2^-3:2^-1", "batch": [64, 128], "delay": ["sampled:33,workers:33", 8], "nesterov": false, "epochs": 2}"#.utf8)
                .write(to: json)
            let fromYAML = try SweepGrid.load(file: yaml.path)
            #expect(fromYAML.axes[.lr] == ["0.125", "0.25", "0.5"])
            #expect(fromYAML.axes[.batch] == ["64", "128"])
            #expect(fromYAML.axes[.delay]?.count == 3)
            #expect(try fromYAML.configurations().map(ConfigurationHash.of)
                    == SweepGrid.load(file: json.path).configurations().map(ConfigurationHash.of))
        }
    }

    @Test(arguments: [
        ("optimizer:\n  adam: true\n", "line 2: nested mappings are not supported"),
        ("optimizer: [sgd\n", "line 1: unclosed `[`"),
        ("lr: 0.1\nlr: 0.2\n", "line 2: option lr appears twice"),
        ("batch:\n\n# none\nepochs: 2\n", "line 1: option batch has no value"),
        ("epochs: 2\nbatch:\n\n", "line 2: option batch has no value"),
        ("- 64\n", "line 1: a list item must sit indented under its option"),
        ("lr: *rates\n", "line 1: *rates is YAML syntax a grid file does not use"),
        ("seed: [1, , 3]\n", "line 1: empty value"),
    ])
    func yamlOutsideTheSubsetIsRefusedWithItsLine(text: String, message: String) throws {
        try TinyData.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("grid.yml")
            try Data(text.utf8).write(to: url)
            #expect(throws: SweepError.badGridFile(path: url.path, reason: message)) { try SweepGrid.load(file: url.path) }
        }
    }

    @Test(arguments: [1, 2, 3, 7, 12])
    func shardsPartitionTheGrid(count: Int) throws {
        let items = Array(0..<10)
        let slices = try (1...count).map { try Shard(parsing: "\($0)/\(count)").slice(items) }
        #expect(slices.flatMap { $0 }.sorted() == items)
        #expect(slices.map(\.count).reduce(0, +) == items.count)
        for slice in slices { #expect(slice == slice.sorted()) }
    }

    @Test(arguments: ["0/3", "4/3", "1/0", "a/b", "2"])
    func badShardsAreRejected(_ text: String) {
        #expect(throws: SweepError.badShard(text)) { try Shard(parsing: text) }
    }
}
