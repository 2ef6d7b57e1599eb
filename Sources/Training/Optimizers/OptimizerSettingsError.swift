/// An optimizer or learning-rate setting is out of range; the description is one line naming the
/// setting, the allowed range and the value given.
public struct OptimizerSettingsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The complete message, for example "learning rate must be a finite number ≥ 0, got nan".
    public let description: String

    /// An error with the one-line `description`.
    public init(_ description: String) { self.description = description }
}
