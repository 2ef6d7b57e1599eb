import Testing
@testable import Experiments
@testable import Training

@Suite("Configuration hash")
struct ConfigurationHashTests {
    @Test func fnv1aMatchesPublishedTestVectors() {
        // From the FNV reference test suite (64-bit FNV-1a).
        #expect(ConfigurationHash.fnv1a64(Array("".utf8)) == 0xcbf2_9ce4_8422_2325)
        #expect(ConfigurationHash.fnv1a64(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(ConfigurationHash.fnv1a64(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }

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
