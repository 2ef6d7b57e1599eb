import StalenessSimulation

/// The order's JSON keeps the shape older results stores hold — `{"simulated": {"model": name,
/// "sigma": σ, "heterogeneity": …, "seed": …}}` — so the configuration hashes of simulated runs are
/// unchanged now that the model is a typed value (for `exponential`, whose σ is fixed, σ is written
/// as 1). A recorded order is `{"recorded": {"trace": {path, digest, submissions, workers}}}`.
extension WorkerEmulation.Order: Codable {
    private enum CodingKeys: String, CodingKey { case simulated, recorded }
    private enum SimulatedKeys: String, CodingKey { case model, sigma, heterogeneity, seed }
    private enum RecordedKeys: String, CodingKey { case trace }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.simulated) {
            let fields = try container.nestedContainer(keyedBy: SimulatedKeys.self, forKey: .simulated)
            let name = try fields.decode(String.self, forKey: .model)
            let sigma = try fields.decode(Double.self, forKey: .sigma)
            let model: WorkerTimeModel
            do { model = try WorkerTimeModel(name: name, sigma: sigma) } catch {
                throw DecodingError.dataCorruptedError(forKey: .model, in: fields, debugDescription: error.description)
            }
            self = .simulated(model: model, heterogeneity: try fields.decode(WorkerHeterogeneity.self, forKey: .heterogeneity),
                              seed: try fields.decode(UInt64.self, forKey: .seed))
        } else {
            let fields = try container.nestedContainer(keyedBy: RecordedKeys.self, forKey: .recorded)
            self = .recorded(trace: try fields.decode(TraceReference.self, forKey: .trace))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .simulated(model, heterogeneity, seed):
            var fields = container.nestedContainer(keyedBy: SimulatedKeys.self, forKey: .simulated)
            try fields.encode(model.name, forKey: .model)
            try fields.encode(model.standardDeviation, forKey: .sigma)
            try fields.encode(heterogeneity, forKey: .heterogeneity)
            try fields.encode(seed, forKey: .seed)
        case let .recorded(trace):
            var fields = container.nestedContainer(keyedBy: RecordedKeys.self, forKey: .recorded)
            try fields.encode(trace, forKey: .trace)
        }
    }
}
