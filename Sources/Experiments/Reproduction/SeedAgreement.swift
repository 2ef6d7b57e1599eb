/// How a claim's verdict on the seed means stands up seed by seed: each seed's runs judged on their
/// own, and the rule that a claim is *reproduced* only when it holds on the means **and** on its own
/// in at least `requiredShare` of the seeds (otherwise it reads *partly reproduced*).
public struct SeedAgreement: Sendable, Equatable {
    /// The share of seeds that must reproduce a claim on their own for the claim to count as reproduced.
    public static let requiredShare = 2.0 / 3.0

    /// The verdict on the seed means.
    public let onMeans: Verdict
    /// Each seed's own verdict, by seed.
    public let bySeed: [(seed: UInt64, verdict: Verdict)]

    /// The agreement of `bySeed` with `onMeans`.
    public init(onMeans: Verdict, bySeed: [(seed: UInt64, verdict: Verdict)]) {
        self.onMeans = onMeans
        self.bySeed = bySeed
    }

    /// Seeds whose own verdict is *reproduced*.
    public var reproducingSeeds: Int { bySeed.count { $0.verdict == .reproduced } }
    /// The fewest reproducing seeds a *reproduced* verdict needs: ⌈share · seeds⌉.
    public var requiredSeeds: Int { Int((Self.requiredShare * Double(bySeed.count) - 1e-9).rounded(.up)) }

    /// The claim's verdict: the means' verdict, lowered from *reproduced* to *partly reproduced* when
    /// too few seeds reproduce it on their own. One seed (or none) leaves the means' verdict as it is.
    public var verdict: Verdict {
        guard bySeed.count > 1, onMeans == .reproduced, reproducingSeeds < requiredSeeds else { return onMeans }
        return .partly
    }

    /// Seeds whose own verdict equals the final verdict.
    public var agreeingSeeds: Int { bySeed.count { $0.verdict == verdict } }

    /// "2 of 3 seeds agree (seed 1: reproduced, seed 2: reproduced, seed 3: partly reproduced)".
    public var text: String {
        "\(agreeingSeeds) of \(bySeed.count) seeds agree ("
            + bySeed.map { "seed \($0.seed): \($0.verdict.rawValue)" }.joined(separator: ", ") + ")"
    }

    public static func == (a: SeedAgreement, b: SeedAgreement) -> Bool {
        a.onMeans == b.onMeans && a.bySeed.map(\.seed) == b.bySeed.map(\.seed) && a.bySeed.map(\.verdict) == b.bySeed.map(\.verdict)
    }
}
