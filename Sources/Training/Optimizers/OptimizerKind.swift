/// The optimization algorithms available, each with PyTorch's semantics.
public enum OptimizerKind: String, CaseIterable, Codable, Sendable {
    /// `torch.optim.SGD`: optional momentum (dampening 0), Nesterov momentum, L2 weight decay.
    case sgd
    /// `torch.optim.Adam`: bias-corrected first and second moments.
    case adam
    /// `torch.optim.Adagrad`: accumulated squared gradients (no learning-rate decay).
    case adagrad
    /// `torch.optim.RMSprop`: moving average of squared gradients, optional momentum and centring.
    case rmsprop
}
