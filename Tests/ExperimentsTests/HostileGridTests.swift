import Foundation
import Testing
@testable import Experiments
@testable import Training

/// Grid values that used to trap or be resolved silently are refused with the option named.
@Suite struct HostileGridTests {
    @Test(arguments: ["1e-4:1e-1:1e-300", "2^-1:2^1:5e-324", "10^-300:10^300:1e-10"])
    func rangesWithAstronomicalStepCountsAreRefused(_ text: String) {
        #expect(throws: SweepError.badValue(option: "lr", value: text, reason: "the range has more than 10000 values")) {
            try SweepValues.expand(text, option: "lr")
        }
    }

    @Test(arguments: [("dc:0.04+dc:0.1", "dc:0.04 and dc:0.1 both set the delay compensation; give one"),
                      ("inverse+capped:2", "inverse and capped:2 both set the staleness-aware learning rate; give one"),
                      ("dc:0.04+dca:2", "dc:0.04 and dca:2 both set the delay compensation; give one"),
                      ("clip:1+clip:2", "clip:1 and clip:2 both set the clip; give one")])
    func conflictingRemediesAreRefused(remedy: String, reason: String) {
        #expect(throws: SweepError.badValue(option: "remedy", value: remedy, reason: reason)) {
            try ConfigurationBuilder().configuration([.remedy: remedy])
        }
    }

    @Test func distinctRemediesStillCombine() throws {
        let configuration = try ConfigurationBuilder().configuration([.remedy: "dc:0.04+clip:1+inverse"])
        #expect(configuration.remedies.compensation == .constant(lambda: 0.04))
        #expect(configuration.remedies.clipNorm == 1)
        #expect(configuration.remedies.stalenessScaling == .inverse)
    }

    @Test func tooManyWorkersForASampledDelayAreRefusedBeforeSimulating() {
        #expect(throws: SweepError.badValue(option: "delay", value: "sampled:10000000",
                                            reason: "10000000 workers give delays of about 9999999; at most 4096 is supported")) {
            try ConfigurationBuilder().configuration([.delay: "sampled:10000000"])
        }
    }

    @Test(arguments: [("{\"lr\": [0.1], \"lr\": [0.2]}", "option lr is given twice"),
                      ("{\"batch\": 64, \"lr\": {\"lr\": 1}, \"batch\": 32}", nil),
                      ("{\"lr\": []}", "option lr has no values")])
    func duplicateKeysAndEmptyListsInAJSONGridAreRefused(json: String, reason: String?) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("grid-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(json.utf8).write(to: url)
        let error = try #require(throws: SweepError.self) { try SweepGrid.load(file: url.path) }
        if let reason { #expect(error == .badGridFile(path: url.path, reason: reason)) }
    }

    @Test func keysNestedOrInsideStringsAreNotTopLevelDuplicates() {
        #expect(SweepGrid.duplicateTopLevelKey(in: Data(#"{"a": "x\",\"a", "b": [{"a": 1}]}"#.utf8)) == nil)
        #expect(SweepGrid.duplicateTopLevelKey(in: Data(#"{"a": 1, "b": 2, "\u0061": 3}"#.utf8)) == "a")
    }
}
