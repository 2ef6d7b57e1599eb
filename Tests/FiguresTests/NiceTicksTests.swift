import Testing
@testable import Figures

@Suite struct NiceTicksTests {
    @Test func coversZeroToNinetySevenInStepsOfTwenty() {
        let ticks = NiceTicks(lower: 0, upper: 97, targetCount: 6)
        #expect(ticks.step == 20)
        #expect(ticks.values == [0, 20, 40, 60, 80, 100])
        #expect(ticks.label(40) == "40")
    }

    @Test func fractionalStepsGetEnoughDecimals() {
        let ticks = NiceTicks(lower: 0.013, upper: 0.087, targetCount: 5)
        #expect(ticks.step == 0.02)
        #expect(ticks.lower == 0)
        #expect(ticks.values.map(ticks.label) == ["0.00", "0.02", "0.04", "0.06", "0.08", "0.10"])
    }

    @Test func degenerateIntervalIsWidened() {
        let ticks = NiceTicks(lower: 31, upper: 31)
        #expect(ticks.lower <= 30.5 && ticks.upper >= 31.5)
    }

    @Test func fixedFormattingRoundsAndPads() {
        #expect(SVGNumber.fixed(2.5, decimals: 2) == "2.50")
        #expect(SVGNumber.fixed(-0.004, decimals: 2) == "0.00")
        #expect(SVGNumber.fixed(1234.5678, decimals: 1) == "1234.6")
        #expect(SVGNumber.format(12.5) == "12.5")
        #expect(SVGNumber.format(3) == "3")
    }
}
