import ArgumentParser
import Foundation

/// The `staleness` command: a toolkit for the delayed-gradient problem of asynchronous SGD.
@main
struct Staleness: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staleness",
        abstract: "Simulate, fit and train under the gradient staleness of asynchronous SGD.",
        version: "0.1.0",
        subcommands: [Simulate.self, Fit.self, Calibrate.self, Compare.self, Train.self, DataCommand.self,
                      Sweep.self, Race.self, Export.self, Merge.self, FiguresCommand.self, Reproduce.self]
    )

    /// Parses and runs the subcommand. Every refusal exits with status 1 — a usage error (an unknown
    /// option, a value ArgumentParser cannot read) as much as a library's refusal — so scripts see one
    /// failure code; help and `--version` exit 0, a diverged `train` 3 and Ctrl-C 130.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(1)
        }
    }
}
