import Foundation

/// Downloads with the `curl` program (http, https and file URLs), following redirects and
/// treating HTTP errors as failures.
public struct CurlDownloader: Downloader {
    /// Seconds allowed to establish a connection.
    public let connectTimeout: Int
    /// Seconds allowed for a whole transfer.
    public let maximumTime: Int

    /// A downloader with the given timeouts, in seconds.
    public init(connectTimeout: Int = 15, maximumTime: Int = 600) {
        self.connectTimeout = connectTimeout
        self.maximumTime = maximumTime
    }

    public func download(_ url: URL, to destination: URL) throws(DownloadError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "curl", "--fail", "--silent", "--show-error", "--location",
            "--connect-timeout", String(connectTimeout), "--max-time", String(maximumTime),
            "--output", destination.path, url.absoluteString,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw DownloadError(reason: "cannot run curl: \(error.localizedDescription)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus != 0 else { return }
        if process.terminationStatus == 127 {
            throw DownloadError(reason: "curl is not installed (apt-get install curl)")
        }
        let line = message.split(whereSeparator: \.isNewline).first.map(String.init)
            ?? "curl exited with status \(process.terminationStatus)"
        throw DownloadError(reason: line.hasPrefix("curl: ") ? String(line.dropFirst(6)) : line)
    }
}
