import ResultFiles
import Testing

@Suite("Content digest")
struct ContentDigestTests {
    @Test func fnv1aMatchesPublishedTestVectors() {
        // From the FNV reference test suite (64-bit FNV-1a).
        #expect(ContentDigest.fnv1a64("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(ContentDigest.fnv1a64("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(ContentDigest.fnv1a64("foobar".utf8) == 0x8594_4171_f739_67e8)
        #expect(ContentDigest.hexDigest("foobar".utf8) == "85944171f73967e8")
        #expect(ContentDigest.hex(1) == "0000000000000001")
    }
}
