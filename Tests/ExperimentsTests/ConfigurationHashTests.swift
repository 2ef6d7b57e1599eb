import Testing
@testable import Experiments
@testable import Training

@Suite("Configuration hash")
struct ConfigurationHashTests {
    @Test func equalConfigurationsBuiltDifferentlyShareAHash() throws {
        var a = TrainingConfiguration()
        a.learningRate = 0.001
        a.seed = 7
        var b = TrainingConfiguration()
        b.seed = 7
        b.learningRate = 0.001
        #expect(ConfigurationHash.of(a) == ConfigurationHash.of(b))
        b.seed = 8
        #expect(ConfigurationHash.of(a) != ConfigurationHash.of(b))
        #expect(ConfigurationHash.of(a).count == 16)
    }

    @Test func canonicalJSONHasSortedKeysAndRoundTrips() throws {
        var c = TrainingConfiguration()
        c.delay = .constant(delay: 32, flushAtEnd: false)
        let json = ConfigurationHash.canonicalJSON(c)
        let keys = ["\"batchSize\"", "\"dataset\"", "\"delay\"", "\"epochs\""].map { json.range(of: $0)!.lowerBound }
        #expect(keys == keys.sorted())
        let record = RunRecord(configuration: c, failure: "x", seconds: 0)
        #expect(try record.decodedConfiguration() == c)
        #expect(ConfigurationHash.of(try record.decodedConfiguration()) == record.hash)
    }
}
