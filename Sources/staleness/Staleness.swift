import ArgumentParser

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
}
