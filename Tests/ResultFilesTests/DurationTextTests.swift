import ResultFiles
import Testing

@Suite struct DurationTextTests {
    static let cases: [(Double, String)] = [
        (0.4, "0s"), (45, "45s"), (59.6, "1m0s"), (250, "4m10s"), (3599, "59m59s"), (3600, "1h00m"),
        (7500, "2h05m"), (39599, "10h59m"), (Double.infinity, "?"), (Double.nan, "?"),
    ]

    @Test func formatsSecondsMinutesAndHours() {
        for (seconds, text) in Self.cases { #expect(DurationText.of(seconds) == text, "\(seconds)") }
    }
}
