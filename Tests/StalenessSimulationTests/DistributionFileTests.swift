import Foundation
import SimulationReports
@testable import StalenessSimulation
import Testing

@Suite struct DistributionFileTests {
    private let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("distribution-\(UUID().uuidString)")

    private func report(seed: UInt64) throws -> StalenessReport {
        let configuration = try SimulationConfiguration(workers: 8, model: .normal(sigma: 0.2), gradients: 20_000,
                                                        seed: seed)
        return try StalenessReport(run: SimulationRun.perform(configuration), sigma: 0.2)
    }

    @Test func roundTripsThroughJSON() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try report(seed: 1).distributionFile
        let url = directory.appendingPathComponent("d.json")
        try file.write(to: url)
        let loaded = try DistributionFile.load(from: url)
        #expect(loaded == file)
        #expect(loaded.staleness == (try report(seed: 1)).histogram)
        #expect(loaded.simulation?.workers == 8 && loaded.simulation?.seed == 1)
    }

    @Test func delayProbabilitiesSumToOne() throws {
        let file = try report(seed: 1).distributionFile
        let empirical = try file.delayProbabilities(.empirical, path: "d")
        let histogram = file.staleness
        #expect(abs(empirical.reduce(0, +) - 1) < 1e-12)
        #expect(empirical.count == histogram.counts.count)
        #expect(empirical[7] == Double(histogram.counts[7]) / Double(histogram.total))
        let normal = try file.delayProbabilities(.fittedNormal, path: "d")
        #expect(abs(normal.reduce(0, +) - 1) < 1e-12)
        let mean = normal.enumerated().map { Double($0.offset) * $0.element }.reduce(0, +)
        // Folding the tails below 0 and above the maximum moves the mean only slightly.
        #expect(abs(mean - file.analysis.normal.mean) < 1e-3)
    }

    /// A simulation's delay probabilities come straight from its histogram and analysis, without a
    /// distribution file; a file gives the same probabilities for every source.
    @Test func fileAndAnalysisGiveTheSameDelayProbabilities() throws {
        let report = try report(seed: 3)
        let file = report.distributionFile
        let analysis = try StalenessAnalysis(histogram: report.histogram)
        let families = FamilyComparison(histogram: report.histogram, analysis: analysis)
        let sources: [DistributionFile.DelaySource] = [.empirical, .fittedNormal, .best, .family(.poisson), .family(.gamma)]
        for source in sources {
            #expect(try file.delayProbabilities(source, path: "d")
                    == source.probabilities(histogram: report.histogram, analysis: analysis, families: families))
        }
        #expect(DistributionFile.DelaySource.best.probabilities(histogram: report.histogram, analysis: analysis,
                                                                families: nil) == nil)
        #expect(!DistributionFile.DelaySource.empirical.needsFamilies && DistributionFile.DelaySource.best.needsFamilies)
    }

    /// Version 2 holds every family; sampling from one gives that fit's probabilities, and a
    /// version-1 file (no families) still loads, samples empirically and refuses a family by name.
    /// A narrow histogram is written exactly as version 2 wrote it (no bin width), so such a file
    /// with version 2 loads to the same file.
    @Test func versionTwoHoldsTheFamiliesAndVersionOneStillLoads() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try report(seed: 2).distributionFile
        #expect(file.formatVersion == 3 && file.histogramBinWidth == nil)
        var versionTwo = file
        versionTwo.formatVersion = 2
        let versionTwoURL = directory.appendingPathComponent("v2.json")
        try versionTwo.write(to: versionTwoURL)
        #expect(!String(decoding: versionTwo.jsonData(), as: UTF8.self).contains("binWidth"))
        #expect(try DistributionFile.load(from: versionTwoURL) == versionTwo)
        let families = try #require(file.families)
        #expect(Set(families.fits.filter { $0.method == .maximumLikelihood }.map(\.family)) == Set(CountFamily.allCases))
        let best = try #require(families.best)
        let sampled = try file.delayProbabilities(.best, path: "d")
        #expect(abs(sampled.reduce(0, +) - 1) < 1e-12)
        #expect(sampled == best.probabilities(upTo: sampled.count - 1))
        let gamma = try file.delayProbabilities(try #require(DistributionFile.DelaySource("gamma")), path: "d")
        #expect(gamma == families.fit(.gamma)!.probabilities(upTo: gamma.count - 1))

        var old = file
        old.formatVersion = 1
        old.families = nil
        let url = directory.appendingPathComponent("v1.json")
        try old.write(to: url)
        let loaded = try DistributionFile.load(from: url)
        #expect(loaded.families == nil && loaded.staleness == file.staleness)
        #expect(try loaded.delayProbabilities(.empirical, path: "v1.json") == file.delayProbabilities(.empirical, path: "d"))
        #expect(throws: DistributionFileError.noFamily(path: "v1.json", family: "best")) {
            try loaded.delayProbabilities(.best, path: "v1.json")
        }
    }

    @Test func delaySourcesParseOnce() {
        #expect(DistributionFile.DelaySource("fitted") == .fittedNormal)
        #expect(DistributionFile.DelaySource("normal") == .fittedNormal)
        #expect(DistributionFile.DelaySource("negative-binomial") == .family(.negativeBinomial))
        #expect(DistributionFile.DelaySource("best") == .best)
        #expect(DistributionFile.DelaySource("cauchy") == nil)
        #expect(DistributionFile.DelaySource(DistributionFile.DelaySource.family(.logNormal).description) == .family(.logNormal))
    }

    private func write(_ text: String) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func rejectsAnotherVersion() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try write(#"{"formatVersion": 4, "histogram": {}}"#)
        #expect(throws: DistributionFileError.unsupportedVersion(path: url.path, found: 4)) {
            try DistributionFile.load(from: url)
        }
    }

    @Test func rejectsFilesOfTheWrongShape() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let notJSON = try write("hello")
        #expect(throws: DistributionFileError.notADistributionFile(path: notJSON.path)) {
            try DistributionFile.load(from: notJSON)
        }
        var json = String(decoding: try report(seed: 1).distributionFile.jsonData(), as: UTF8.self)
        let missing = try write(json.replacingOccurrences(of: "\"source\"", with: "\"origin\""))
        #expect(throws: DistributionFileError.malformed(path: missing.path, detail: "missing field 'source' at top level")) {
            try DistributionFile.load(from: missing)
        }
        json = json.replacingOccurrences(of: "\"histogram\" : {", with: "\"histogram\" : {\n    \"-3\" : 1,")
        let negative = try write(json)
        #expect(throws: DistributionFileError.malformed(path: negative.path,
                                                         detail: "histogram key '-3' is not a non-negative integer")) {
            try DistributionFile.load(from: negative)
        }
        #expect(throws: DistributionFileError.self) {
            try DistributionFile.load(from: directory.appendingPathComponent("absent.json"))
        }
    }

    @Test func sameSeedWritesIdenticalFilesAndAnotherSeedDifferent() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try report(seed: 4).write(to: directory.appendingPathComponent("a"))
        let second = try report(seed: 4).write(to: directory.appendingPathComponent("b"))
        let third = try report(seed: 5).write(to: directory.appendingPathComponent("c"))
        for ((a, b), c) in zip(zip(first, second), third) {
            #expect(try Data(contentsOf: a) == Data(contentsOf: b))
            #expect(try Data(contentsOf: a) != Data(contentsOf: c))
        }
    }
}
