/// A command-line input that cannot be used; ArgumentParser prints the description as one
/// `Error: …` line (unlike `ValidationError`, without the usage text) and exits non-zero.
struct CommandLineError: Error, CustomStringConvertible {
    /// The one-line message.
    let description: String

    init(_ description: String) { self.description = description }
}
