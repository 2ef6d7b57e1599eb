import Foundation
import Synchronization
import Testing
@testable import DatasetDownload
@testable import Training

/// Serves fixed contents per URL, or fails; records what was requested.
final class FakeDownloader: Downloader {
    let contents: [String: String]
    let requests = Mutex<[String]>([])

    init(_ contents: [String: String]) { self.contents = contents }

    func download(_ url: URL, to destination: URL) throws(DownloadError) {
        requests.withLock { $0.append(url.absoluteString) }
        guard let text = contents[url.absoluteString] else { throw DownloadError(reason: "Could not resolve host") }
        do { try Data(text.utf8).write(to: destination) } catch { throw DownloadError(reason: "cannot write") }
    }
}

@Suite struct FetchTests {
    // RFC 1321 test suite values.
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890",
         "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func md5MatchesRFC1321(text: String, digest: String) {
        #expect(MD5Digest.hex(of: Data(text.utf8)) == digest)
    }

    static let files = [
        RemoteFile(name: "a.gz", md5: "900150983cd24fb0d6963f7d28e17f72"),   // "abc"
        RemoteFile(name: "b.gz", md5: "0cc175b9c0f1b6a831c399e269772661"),   // "a"
    ]
    static let mirrors = [URL(string: "https://one.example/m/")!, URL(string: "https://two.example/m/")!]

    /// The names in `directory`, hidden ones included.
    static func listing(_ directory: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
    }

    @Test func fallsBackToTheNextMirrorAndVerifies() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let destination = fixture.directory.appendingPathComponent("cache/mnist")
        let downloader = FakeDownloader([
            "https://two.example/m/a.gz": "abc",
            "https://one.example/m/b.gz": "a",
        ])
        let outcomes = try DatasetFetcher(destination: destination, mirrors: Self.mirrors, files: Self.files,
                                          downloader: downloader).fetch()
        #expect(outcomes == [
            .downloaded(destination.appendingPathComponent("a.gz"), from: URL(string: "https://two.example/m/a.gz")!),
            .downloaded(destination.appendingPathComponent("b.gz"), from: URL(string: "https://one.example/m/b.gz")!),
        ])
        #expect(try String(contentsOf: destination.appendingPathComponent("a.gz"), encoding: .utf8) == "abc")
        #expect(try Self.listing(destination) == ["a.gz", "b.gz"])
    }

    @Test func checksumMismatchOnEveryMirrorLeavesNothingBehind() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let destination = fixture.directory.appendingPathComponent("mnist")
        let downloader = FakeDownloader([
            "https://one.example/m/a.gz": "abd",
            "https://two.example/m/a.gz": "ab",
        ])
        let error = try #require(throws: DataFetchError.self) {
            try DatasetFetcher(destination: destination, mirrors: Self.mirrors, files: Self.files,
                               downloader: downloader).fetch()
        }
        guard case let .allMirrorsFailed(name, attempts, _) = error else {
            Issue.record("expected allMirrorsFailed, got \(error)")
            return
        }
        #expect(name == "a.gz")
        #expect(attempts.count == 2)
        #expect(attempts.allSatisfy { $0.reason.hasPrefix("checksum mismatch") })
        #expect(error.description.contains("expected 900150983cd24fb0d6963f7d28e17f72"))
        #expect(!error.description.contains("\n"))
        #expect(try Self.listing(destination).isEmpty)
    }

    @Test func verifiedFilesAreNotDownloadedAgain() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        try fixture.write(Array("abc".utf8), as: "mnist/a.gz")
        try fixture.write(Array("a".utf8), as: "mnist/b.gz")
        let downloader = FakeDownloader([:])
        let destination = fixture.directory.appendingPathComponent("mnist")
        let outcomes = try DatasetFetcher(destination: destination, mirrors: Self.mirrors, files: Self.files,
                                          downloader: downloader).fetch()
        #expect(outcomes == [.alreadyPresent(destination.appendingPathComponent("a.gz")),
                             .alreadyPresent(destination.appendingPathComponent("b.gz"))])
        #expect(downloader.requests.withLock { $0.isEmpty })
    }

    @Test func offlineFailureNamesEveryMirrorAndTheWayOut() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let destination = fixture.directory.appendingPathComponent("mnist")
        let error = try #require(throws: DataFetchError.self) {
            try DatasetFetcher(destination: destination, mirrors: Self.mirrors, files: Self.files,
                               downloader: FakeDownloader([:])).fetch()
        }
        #expect(error.description.contains("https://one.example/m/a.gz: Could not resolve host"))
        #expect(error.description.contains("https://two.example/m/a.gz: Could not resolve host"))
        #expect(error.description.contains("--data DIR"))
        #expect(try Self.listing(destination).isEmpty)
    }

    @Test func curlReadsFileURLsAndMismatchesAreCaught() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        try fixture.write(Array("abc".utf8), as: "mirror/a.gz")
        try fixture.write(Array("not a".utf8), as: "mirror/b.gz")
        let mirror = fixture.directory.appendingPathComponent("mirror", isDirectory: true)
        let destination = fixture.directory.appendingPathComponent("mnist")
        let error = try #require(throws: DataFetchError.self) {
            try DatasetFetcher(destination: destination, mirrors: [mirror], files: Self.files,
                               downloader: CurlDownloader()).fetch()
        }
        guard case let .allMirrorsFailed(name, attempts, _) = error else {
            Issue.record("expected allMirrorsFailed, got \(error)")
            return
        }
        #expect(name == "b.gz")
        #expect(attempts.first?.reason.hasPrefix("checksum mismatch") == true)
        #expect(try Self.listing(destination) == ["a.gz"])
    }

    @Test func curlReportsAnUnreachableMirror() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let target = fixture.directory.appendingPathComponent("x")
        // Port 9 (discard) on the loopback interface refuses connections without any network.
        let error = try #require(throws: DownloadError.self) {
            try CurlDownloader(connectTimeout: 5, maximumTime: 10)
                .download(URL(string: "http://127.0.0.1:9/a.gz")!, to: target)
        }
        #expect(!error.reason.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func fashionMNISTHasNoDownload() {
        #expect(throws: DataFetchError.self) {
            try DatasetFetcher.forDataset(.fashionMNIST, into: URL(fileURLWithPath: "/nonexistent"))
        }
    }
}
