import Foundation
import ResultFiles

/// Downloads a dataset's files from mirrors into a directory, verifying each against its published
/// MD5 before giving it its real name.
///
/// Each file goes to a hidden temporary name in the destination directory, is checked, and only
/// then renamed into place, so an interrupted or corrupt download never looks like a valid file.
/// Mirrors are tried in order until one delivers a file with the right checksum. A file already
/// present with the right checksum is kept without downloading.
public struct DatasetFetcher: Sendable {
    /// What happened to one file.
    public enum Outcome: Sendable, Equatable {
        /// The file was already there with the right checksum.
        case alreadyPresent(URL)
        /// The file was downloaded from `from` and verified.
        case downloaded(URL, from: URL)
    }

    /// The public MNIST mirrors, in the order they are tried (the same ones torchvision uses).
    public static let mnistMirrors: [URL] = [
        URL(string: "https://ossci-datasets.s3.amazonaws.com/mnist/")!,
        URL(string: "https://storage.googleapis.com/cvdf-datasets/mnist/")!,
    ]

    /// The four MNIST files with the MD5 sums published for the mirrors' gzip files.
    public static let mnistFiles: [RemoteFile] = [
        RemoteFile(name: "train-images-idx3-ubyte.gz", md5: "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
        RemoteFile(name: "train-labels-idx1-ubyte.gz", md5: "d53e105ee54ea40749a09fcbcd1e9432"),
        RemoteFile(name: "t10k-images-idx3-ubyte.gz", md5: "9fb629c4189551a2d022fa330f9573f3"),
        RemoteFile(name: "t10k-labels-idx1-ubyte.gz", md5: "ec29112dd5afa0611ce80d1b7f02629c"),
    ]

    /// The directory the files go to.
    public let destination: URL
    /// Base URLs tried in order; each file's URL is the base followed by its name.
    public let mirrors: [URL]
    /// The files to fetch.
    public let files: [RemoteFile]
    /// What performs the transfers.
    public let downloader: any Downloader

    /// A fetcher of `files` from `mirrors` into `destination`.
    public init(destination: URL, mirrors: [URL] = mnistMirrors, files: [RemoteFile] = mnistFiles,
                downloader: any Downloader = CurlDownloader()) {
        self.destination = destination
        self.mirrors = mirrors
        self.files = files
        self.downloader = downloader
    }

    /// A fetcher of `dataset` into `destination`.
    /// - Throws: `DataFetchError.unsupported` for datasets without a download (Fashion-MNIST comes
    ///   from a Debian package instead).
    public static func forDataset(_ dataset: DatasetName, into destination: URL, mirrors: [URL]? = nil,
                                  downloader: any Downloader = CurlDownloader()) throws(DataFetchError) -> DatasetFetcher {
        switch dataset {
        case .mnist:
            return DatasetFetcher(destination: destination, mirrors: mirrors ?? mnistMirrors, downloader: downloader)
        case .fashionMNIST:
            throw .unsupported(dataset: dataset, advice: dataset.howToGet)
        }
    }

    /// Fetches every file, reporting progress through `log` (one line per event).
    /// - Returns: what happened to each file, in order.
    /// - Throws: `DataFetchError` at the first file no mirror could deliver intact; files verified
    ///   before it stay in place.
    @discardableResult
    public func fetch(log: (String) -> Void = { _ in }) throws(DataFetchError) -> [Outcome] {
        do {
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: destination.path, reason: (error as NSError).localizedDescription)
        }
        var outcomes: [Outcome] = []
        for file in files {
            outcomes.append(try fetch(file, log: log))
        }
        return outcomes
    }

    private func fetch(_ file: RemoteFile, log: (String) -> Void) throws(DataFetchError) -> Outcome {
        let target = destination.appendingPathComponent(file.name)
        if let present = MD5Digest.ofFile(at: target) {
            if present == file.md5 {
                log("\(file.name): already present, checksum verified")
                return .alreadyPresent(target)
            }
            log("\(file.name): present but its MD5 is \(present), expected \(file.md5); downloading again")
        }
        let temporary: URL
        do { temporary = try AtomicFile.stage(target) } catch {
            switch error { case let .cannotWrite(path, reason): throw .cannotInstall(path: path, reason: reason) }
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        var attempts: [DataFetchError.Attempt] = []
        for mirror in mirrors {
            let url = mirror.appendingPathComponent(file.name)
            log("\(file.name): downloading \(url.absoluteString)")
            do {
                try downloader.download(url, to: temporary)
            } catch {
                log("\(file.name): failed: \(error.reason)")
                attempts.append(.init(url: url, reason: error.reason))
                continue
            }
            let digest = MD5Digest.ofFile(at: temporary) ?? "unreadable"
            guard digest == file.md5 else {
                let reason = "checksum mismatch (MD5 \(digest), expected \(file.md5))"
                log("\(file.name): \(reason)")
                attempts.append(.init(url: url, reason: reason))
                continue
            }
            do { try AtomicFile.publish(temporary, as: target) } catch {
                switch error { case let .cannotWrite(path, reason): throw .cannotInstall(path: path, reason: reason) }
            }
            log("\(file.name): verified and saved to \(target.path)")
            return .downloaded(target, from: url)
        }
        throw .allMirrorsFailed(name: file.name, attempts: attempts, destination: destination.path)
    }
}
