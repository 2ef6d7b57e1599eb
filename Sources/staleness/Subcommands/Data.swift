import ArgumentParser

extension Staleness {
    /// `staleness data`: getting the datasets and seeing where they were found.
    struct DataCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "data",
            abstract: "Download datasets and show where they are found.",
            subcommands: [Fetch.self, Info.self]
        )
    }
}
