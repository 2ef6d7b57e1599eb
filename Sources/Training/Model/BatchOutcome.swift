/// What a forward pass over some examples measured: summed loss and number of correct predictions.
public struct BatchOutcome: Sendable, Equatable {
    /// Sum over the examples of the negative log-likelihood of the true class (nats).
    public var lossSum: Double
    /// Examples whose highest-scoring class (first one on ties) is the true class.
    public var correct: Int
    /// Examples seen.
    public var count: Int

    /// An outcome with the given totals.
    public init(lossSum: Double, correct: Int, count: Int) {
        self.lossSum = lossSum
        self.correct = correct
        self.count = count
    }

    /// Mean loss per example (NaN when `count` is 0).
    public var meanLoss: Double { lossSum / Double(count) }
    /// Fraction of examples classified correctly, in [0, 1] (NaN when `count` is 0).
    public var accuracy: Double { Double(correct) / Double(count) }

    /// The totals of `self` and `other` together.
    public static func + (lhs: BatchOutcome, rhs: BatchOutcome) -> BatchOutcome {
        BatchOutcome(lossSum: lhs.lossSum + rhs.lossSum, correct: lhs.correct + rhs.correct,
                     count: lhs.count + rhs.count)
    }
}
