import CGSL

/// Row-major single-precision matrix products through BLAS (`cblas_sgemm`, resolved to OpenBLAS).
enum MatrixProduct {
    /// C ← op(A)·op(B) (+ C when `accumulate`), all row-major: op(A) is m×k, op(B) is k×n, C is m×n.
    ///
    /// A matrix flagged as transposed is stored as its transpose (k×m for A, n×k for B); the leading
    /// dimensions are the row strides of the matrices as stored.
    @inline(__always)
    static func compute(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, leading lda: Int, aTransposed transA: Bool = false,
        _ b: UnsafePointer<Float>, leading ldb: Int, bTransposed transB: Bool = false,
        into c: UnsafeMutablePointer<Float>, leading ldc: Int, accumulate: Bool = false
    ) {
        cblas_sgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb),
            accumulate ? 1 : 0, c, Int32(ldc))
    }
}
