import Foundation

/// Runs the built `staleness` executable (it sits beside the test bundle in `.build/<config>/`).
enum CommandRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// The process ended by a signal (a Swift trap, or the time limit's kill) rather than exiting.
        var signaled = false
    }

    static var executable: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("staleness").path),
              dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("staleness")
    }

    /// Runs `staleness` with `arguments`, optionally in `directory` and with `input` on its standard
    /// input, and captures its output; with a `timeLimit` (seconds) the process is killed when it
    /// runs longer, and the result is `signaled`.
    static func run(_ arguments: [String], in directory: URL? = nil,
                    environment: [String: String]? = nil, input: Data? = nil,
                    timeLimit: Double? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let timeLimit {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) {
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self),
                      signaled: process.terminationReason == .uncaughtSignal)
    }
}
