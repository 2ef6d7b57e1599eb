import Foundation
import SimulationReports
import Testing
@testable import StalenessSimulation

/// Distribution files written by other tools or by hand: every bad value is named, nothing traps,
/// and sampling checks the support before allocating it.
@Suite struct HostileDistributionFileTests {
    private static func original() throws -> [String: Any] {
        let configuration = try SimulationConfiguration(workers: 8, model: .normal(sigma: 0.2), gradients: 5_000, seed: 1)
        let file = try StalenessReport(run: SimulationRun.perform(configuration), sigma: 0.2).distributionFile
        return try #require(JSONSerialization.jsonObject(with: file.jsonData()) as? [String: Any])
    }

    /// Loads the file after `edit`, returning the error's description (nil when it loads).
    private static func load(_ edit: (inout [String: Any]) -> Void) throws -> (DistributionFile?, String?) {
        var object = try original()
        edit(&object)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        do { return (try DistributionFile.load(from: url), nil) } catch { return (nil, error.description.replacingOccurrences(of: url.relativePath, with: "F")) }
    }

    private static func setNormal(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
        { object in
            var analysis = object["analysis"] as! [String: Any]
            var normal = analysis["normal"] as! [String: Any]
            normal[key] = value
            analysis["normal"] = normal
            object["analysis"] = analysis
        }
    }

    @Test func countsThatOverflowAKeyTooLargeAndBadFitsAreNamed() throws {
        let cases: [((inout [String: Any]) -> Void, String)] = [
            ({ o in var h = o["histogram"] as! [String: Any]; h["4"] = Int.max; h["5"] = Int.max; o["histogram"] = h },
             "F is malformed: the histogram's counts add up to more than \(Int.max)"),
            ({ o in var h = o["histogram"] as! [String: Any]; h["1000000000000"] = 1; o["histogram"] = h },
             "F is malformed: histogram key 1000000000000 exceeds the supported maximum 1000000000"),
            (Self.setNormal("standardDeviation", -1.0), "F is malformed: analysis.normal.standardDeviation is -1.0, below 0"),
            (Self.setNormal("discretisedSigma", -1.0), "F is malformed: analysis.normal.discretisedSigma is -1.0, below 0"),
            (Self.setNormal("mean", "nan"), "F is malformed: analysis.normal.mean is NaN"),
            (Self.setNormal("mean", "inf"), "F is malformed: analysis.normal.mean is inf, not a finite number"),
            ({ o in
                var families = o["families"] as! [String: Any]
                var fits = families["fits"] as! [[String: Any]]
                fits[0]["parameters"] = [Double]()
                families["fits"] = fits
                o["families"] = families
            }, "has 0 parameters"),
        ]
        for (edit, message) in cases {
            let (file, error) = try Self.load(edit)
            #expect(file == nil)
            #expect(error?.contains(message) == true, "\(error ?? "loaded")")
        }
    }

    @Test func samplingAFitWithAHugeSupportIsRefusedBeforeAllocating() throws {
        for (key, value, reach) in [("mean", 1e12, 1e12), ("discretisedSigma", 1e9, 6e9)] {
            let (loaded, error) = try Self.load(Self.setNormal(key, value))
            let file = try #require(loaded, "\(error ?? "")")
            let refusal = try #require(throws: DistributionFileError.self) {
                try file.delayProbabilities(.fittedNormal, path: "F", maximumDelay: 4096)
            }
            guard case let .beyondMaximumDelay(path, source, reaches, maximum) = refusal else {
                Issue.record("unexpected \(refusal)")
                continue
            }
            #expect(path == "F" && source == "fitted" && maximum == 4096)
            #expect(reaches > reach && reaches < reach + 100)
        }
        let (loaded, _) = try Self.load { _ in }
        let file = try #require(loaded)
        #expect(throws: DistributionFileError.self) { try file.delayProbabilities(.empirical, path: "F", maximumDelay: 3) }
        #expect(throws: DistributionFileError.self) { try file.delayProbabilities(.best, path: "F", maximumDelay: 3) }
        #expect(try file.delayProbabilities(.empirical, path: "F", maximumDelay: 4096).count == file.staleness.counts.count)
    }
}
