import ArgumentParser
import StalenessSimulation

/// A staleness log to read and how: the file (or `-`), one column of it, its layout. `fit` and
/// `calibrate` share these; the library's ``UpdateCountFile`` reads it.
struct LogInputOptions: ParsableArguments {
    @Argument(help: "Staleness log: a file, a .gz file, or - for standard input.")
    var log: String

    @Option(help: "Read only this column: a header name or a position counted from 1.")
    var column: LogColumn?

    @Option(help: "auto (two columns without header, or with a count header, are value,count), columns, or histogram.")
    var layout: LogLayout = .auto

    /// How the log is named in output: its path, or `stdin` for `-`.
    var displayName: String { log == "-" ? "stdin" : log }

    /// Reads the log, calling `progress` with the lines read so far on long reads.
    /// - Throws: ``UpdateCountFileError`` naming the file, line and column of a bad value.
    func read(progress: ((_ lines: Int) -> Void)? = nil) throws(UpdateCountFileError) -> StalenessLog {
        try UpdateCountFile.read(path: log, column: column, layout: layout, progress: progress)
    }
}
