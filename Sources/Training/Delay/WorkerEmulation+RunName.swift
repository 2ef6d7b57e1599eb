import StalenessSimulation

extension WorkerEmulation {
    /// What sets this cluster apart from the default one, for run names: the algorithm, then the
    /// time model and σ unless they are the study's (`WorkerTimeModel.studyDefault`), base times, slow workers, stragglers and the
    /// communication time when present (e.g. `["ringmaster:16", "sigma0.5", "sqrt", "strag0.05x5.0"]`).
    /// Two runs that differ only in these get different names.
    var clusterNameParts: [String] {
        var parts = algorithm.map { ["\($0)"] } ?? []
        if case let .simulated(model, heterogeneity, _) = order {
            let standard = WorkerTimeModel.studyDefault
            if model.name != standard.name { parts.append(model.name) }
            if model.standardDeviation != standard.standardDeviation, model.name != "exponential" {
                parts.append("sigma\(model.standardDeviation)")
            }
            if let base = heterogeneity.baseTimes { parts.append(base.description) }
            if heterogeneity.slowFraction > 0 { parts.append("slow\(heterogeneity.slowFraction)x\(heterogeneity.slowFactor)") }
            if heterogeneity.stragglerProbability > 0 {
                parts.append("strag\(heterogeneity.stragglerProbability)x\(heterogeneity.stragglerFactor)")
            }
        }
        if let communication = communicationTime { parts.append("comm\(communication)") }
        return parts
    }
}
