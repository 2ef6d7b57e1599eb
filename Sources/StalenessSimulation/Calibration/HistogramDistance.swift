/// Distances between distributions over 0, 1, 2, ... given as probability (or count) vectors.
public enum HistogramDistance {
    /// Wasserstein-1 (earth mover's) distance Σ_k |F_p(k) − F_q(k)|, in units of updates; each
    /// vector is normalised by its own sum.
    public static func wasserstein1(_ p: [Double], _ q: [Double]) -> Double {
        let sp = p.reduce(0, +), sq = q.reduce(0, +)
        var fp = 0.0, fq = 0.0, distance = 0.0
        for k in 0..<max(p.count, q.count) {
            fp += k < p.count ? p[k] / sp : 0
            fq += k < q.count ? q[k] / sq : 0
            distance += abs(fp - fq)
        }
        return distance
    }

    /// Kolmogorov–Smirnov distance sup_k |F_p(k) − F_q(k)|; each vector normalised by its sum.
    public static func kolmogorovSmirnov(_ p: [Double], _ q: [Double]) -> Double {
        let sp = p.reduce(0, +), sq = q.reduce(0, +)
        var fp = 0.0, fq = 0.0, distance = 0.0
        for k in 0..<max(p.count, q.count) {
            fp += k < p.count ? p[k] / sp : 0
            fq += k < q.count ? q[k] / sq : 0
            distance = max(distance, abs(fp - fq))
        }
        return distance
    }
}

extension StalenessHistogram {
    /// The counts as doubles, for ``HistogramDistance``.
    var weights: [Double] { counts.map(Double.init) }
}
