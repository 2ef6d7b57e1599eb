import RealModule

/// Log-softmax followed by the negative log-likelihood of the true class, per row of logits.
enum LogSoftmaxLoss {
    /// Sums −log softmax(z)[label] over `rows` rows of `classes` logits and counts rows whose first
    /// largest logit is the label. When `gradient` is given, writes into it
    /// `scale`·(softmax(z) − onehot(label)), the gradient of `scale`·loss with respect to z.
    static func evaluate(
        _ logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows: Int, classes: Int,
        gradient: UnsafeMutablePointer<Float>?, scale: Float
    ) -> (lossSum: Double, correct: Int) {
        var lossSum = 0.0
        var correct = 0
        var z = logits
        for r in 0..<rows {
            let label = Int(labels[r])
            var best = 0
            for j in 1..<classes where z[j] > z[best] { best = j }
            if best == label { correct &+= 1 }
            let top = Double(z[best])
            var total = 0.0
            for j in 0..<classes { total += Double.exp(Double(z[j]) - top) }
            let logTotal = Double.log(total)
            lossSum += top + logTotal - Double(z[label])
            if let gradient {
                let g = gradient + r &* classes
                for j in 0..<classes {
                    let p = Double.exp(Double(z[j]) - top - logTotal)
                    g[j] = Float(p - (j == label ? 1 : 0)) * scale
                }
            }
            z += classes
        }
        return (lossSum, correct)
    }
}
