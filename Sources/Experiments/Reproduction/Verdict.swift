/// How well a claim of the study held in our measurements.
public enum Verdict: String, Sendable, Equatable {
    /// Every part of the claim held.
    case reproduced
    /// Some parts held, others did not.
    case partly = "partly reproduced"
    /// No part held.
    case notReproduced = "not reproduced"
    /// The store has no runs that test the claim.
    case notMeasured = "not measured"

    /// The verdict of a claim made of parts, each true (held), false (did not) or nil (not measured).
    public static func combining(_ parts: [Bool?]) -> Verdict {
        let measured = parts.compactMap { $0 }
        guard !measured.isEmpty else { return .notMeasured }
        if measured.allSatisfy({ $0 }) { return measured.count == parts.count ? .reproduced : .partly }
        return measured.contains(true) ? .partly : .notReproduced
    }
}

/// One claim of the study with what we measured.
public struct ClaimResult: Sendable {
    /// Short title, e.g. "Staleness is approximately normal, centred near N − 1".
    public var title: String
    /// What the study reports.
    public var published: String
    /// Markdown lines (tables, bullet points) with our numbers.
    public var measured: [String]
    /// The verdict.
    public var verdict: Verdict
}
