import Foundation
import Testing

@Suite struct DataCommandTests {
    @Test func infoShowsTheSearchOrderAndCounts() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "env/mnist", train: 3, test: 2)
        let result = try CommandRunner.run(["data", "info"],
                                           environment: sandbox.environment(["STALENESS_DATA": sandbox.url("env").path]))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let env = try #require(lines.firstIndex { $0.contains("STALENESS_DATA \(sandbox.url("env/mnist").path): complete") })
        let cache = try #require(lines.firstIndex { $0.contains("user cache \(sandbox.url("home/.cache/staleness/mnist").path)") })
        #expect(env < cache)
        #expect(result.stdout.contains("Using \(sandbox.url("env/mnist").path) (from STALENESS_DATA)"))
        #expect(result.stdout.contains("train-images-idx3-ubyte 3 images of 28×28, train-labels-idx1-ubyte 3 labels"))
        #expect(result.stdout.contains("t10k-images-idx3-ubyte 2 images of 28×28, t10k-labels-idx1-ubyte 2 labels"))
    }

    @Test func infoWithoutDataSaysHowToGetIt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try CommandRunner.run(["data", "info"], environment: sandbox.environment())
        #expect(result.status != 0)
        let errorLines = result.stderr.split(separator: "\n")
        #expect(errorLines.count == 1)
        #expect(result.stderr.contains("MNIST data not found"))
        #expect(result.stderr.contains("staleness data fetch mnist"))
    }

    @Test func infoNamesACorruptFile() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeDataset(in: "data", imageMagic: 9)
        let result = try CommandRunner.run(["data", "info", "--data", sandbox.url("data").path],
                                           environment: sandbox.environment())
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(sandbox.url("data/train-images-idx3-ubyte").path): bad magic number 0x00000809"))
    }

    @Test func infoRejectsAnUnknownDataset() throws {
        let result = try CommandRunner.run(["data", "info", "--dataset", "cifar"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cifar"))
    }

    @Test func fetchFailsCleanlyWhenNoMirrorAnswers() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let destination = sandbox.url("cache")
        let result = try CommandRunner.run(["data", "fetch", "--to", destination.path, "--mirror", "http://127.0.0.1:9/"],
                                           environment: sandbox.environment())
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot fetch train-images-idx3-ubyte.gz: http://127.0.0.1:9/train-images-idx3-ubyte.gz"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path).isEmpty)
    }

    @Test func fetchRejectsFilesWithTheWrongChecksum() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(Array("not MNIST".utf8), to: "mirror/train-images-idx3-ubyte.gz")
        let cache = sandbox.url("xdg")
        let result = try CommandRunner.run(["data", "fetch", "mnist", "--mirror", sandbox.url("mirror").absoluteString],
                                           environment: sandbox.environment(["XDG_CACHE_HOME": cache.path]))
        #expect(result.status != 0)
        #expect(result.stderr.contains("checksum mismatch"))
        #expect(result.stderr.contains("expected f68b3c2dcbeaaa9fbdd348bbdeb94873"))
        let fetched = cache.appendingPathComponent("staleness/mnist")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fetched.path).isEmpty)
    }

    @Test func fetchPointsFashionMNISTToDebian() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try CommandRunner.run(["data", "fetch", "fashion-mnist"], environment: sandbox.environment())
        #expect(result.status != 0)
        #expect(result.stderr.contains("apt-get install dataset-fashion-mnist"))
    }
}
