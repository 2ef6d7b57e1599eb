import GSLRandom
@testable import StalenessSimulation
import Testing

@Suite struct RandomGeneratorTests {
    @Test func sameSeedSameStreamDifferentSeedDifferentStream() {
        let a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42), c = RandomGenerator(seed: 43)
        let xa = (0..<100).map { _ in a.uniform() }
        let xb = (0..<100).map { _ in b.uniform() }
        let xc = (0..<100).map { _ in c.uniform() }
        #expect(xa == xb)
        #expect(xa != xc)
    }

    @Test func gaussianMomentsMatchParameters() {
        let rng = RandomGenerator(seed: 7)
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n {
            let x = rng.gaussian(mean: 1, sd: 0.2)
            sum += x
            sumSquares += x * x
        }
        let mean = sum / Double(n)
        let variance = sumSquares / Double(n) - mean * mean
        // Standard error of the mean is 0.2/√n ≈ 4.5e-4; of the variance about 1.3e-4.
        #expect(abs(mean - 1) < 3e-3)
        #expect(abs(variance - 0.04) < 1e-3)
    }

    @Test func shuffleIsAPermutation() {
        let rng = RandomGenerator(seed: 1)
        var values = Array(0..<1000)
        rng.shuffle(&values)
        #expect(values != Array(0..<1000))
        #expect(values.sorted() == Array(0..<1000))
    }
}
