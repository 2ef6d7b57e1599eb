import CGSL
import Testing
@testable import Training

@Suite struct BLASLinkTests {
    /// sgemm through gsl_cblas.h agrees with a hand-written triple loop.
    @Test func sgemmMatchesNaiveProduct() {
        let m = 7, n = 5, k = 9
        let a = (0..<(m * k)).map { Float(($0 * 37) % 11) - 5 }
        let b = (0..<(k * n)).map { Float(($0 * 13) % 7) - 3 }
        var c = [Float](repeating: 0, count: m * n)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(k), b, Int32(n), 0, &c, Int32(n))
        for i in 0..<m {
            for j in 0..<n {
                var expected: Float = 0
                for p in 0..<k { expected += a[i * k + p] * b[p * n + j] }
                #expect(c[i * n + j] == expected)
            }
        }
    }

    @Test func threadCountCanBeSet() {
        BLASThreads.set(1)
        #expect(BLASThreads.current == 1)
    }
}
