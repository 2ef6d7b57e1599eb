import Foundation
import Testing
@testable import Training

@Suite struct DatasetLocatorTests {
    /// A home directory, data directories and a system datasets directory inside one temporary tree.
    struct World {
        let fixture: IDXFixture
        var root: URL { fixture.directory }
        var home: String { root.appendingPathComponent("home").path }
        var system: String { root.appendingPathComponent("share").path }

        init() throws { fixture = try IDXFixture() }

        func locator(option: String? = nil, environment: [String: String] = [:]) -> DatasetLocator {
            DatasetLocator(dataOption: option, environment: environment, homeDirectory: home,
                           systemDatasetsDirectory: system)
        }

        func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    }

    @Test func optionComesFirst() throws {
        let world = try World()
        defer { world.fixture.remove() }
        try world.fixture.writeDataset(in: "option")
        try world.fixture.writeDataset(in: "env")
        try world.fixture.writeDataset(in: "home/.cache/staleness/mnist")
        let location = try world.locator(option: world.path("option"), environment: ["STALENESS_DATA": world.path("env")])
            .locate(.mnist)
        #expect(location.source == .dataOption)
        #expect(location.directory.path == world.path("option"))
    }

    @Test func environmentComesBeforeTheCache() throws {
        let world = try World()
        defer { world.fixture.remove() }
        try world.fixture.writeDataset(in: "env")
        try world.fixture.writeDataset(in: "home/.cache/staleness/mnist")
        let location = try world.locator(environment: ["STALENESS_DATA": world.path("env")]).locate(.mnist)
        #expect(location.source == .environment)
        #expect(location.train.images.lastPathComponent == "train-images-idx3-ubyte.gz")
    }

    @Test func environmentMayHoldOneSubdirectoryPerDataset() throws {
        let world = try World()
        defer { world.fixture.remove() }
        try world.fixture.writeDataset(in: "env/fashion-mnist")
        let location = try world.locator(environment: ["STALENESS_DATA": world.path("env")]).locate(.fashionMNIST)
        #expect(location.directory.path == world.path("env/fashion-mnist"))
    }

    @Test func cacheIsUsedWhenTheEnvironmentDirectoryIsIncomplete() throws {
        let world = try World()
        defer { world.fixture.remove() }
        try world.fixture.writeDataset(in: "env")
        try FileManager.default.removeItem(atPath: world.path("env/t10k-labels-idx1-ubyte.gz"))
        try world.fixture.writeDataset(in: "home/.cache/staleness/mnist")
        let location = try world.locator(environment: ["STALENESS_DATA": world.path("env")]).locate(.mnist)
        #expect(location.source == .userCache)
        #expect(location.directory.path == world.path("home/.cache/staleness/mnist"))
    }

    @Test func xdgCacheHomeReplacesDotCache() throws {
        let world = try World()
        defer { world.fixture.remove() }
        try world.fixture.writeDataset(in: "xdg/staleness/mnist")
        let locator = world.locator(environment: ["XDG_CACHE_HOME": world.path("xdg")])
        #expect(locator.cacheDirectory(for: .mnist).path == world.path("xdg/staleness/mnist"))
        #expect(try locator.locate(.mnist).source == .userCache)
        // A relative XDG_CACHE_HOME is invalid by the XDG rules and ignored.
        #expect(world.locator(environment: ["XDG_CACHE_HOME": "rel"]).cacheDirectory(for: .mnist).path
            == world.path("home/.cache/staleness/mnist"))
    }

    @Test func systemDirectoryIsLastAndOnlyForFashionMNIST() throws {
        let world = try World()
        defer { world.fixture.remove() }
        try world.fixture.writeDataset(in: "share/fashion-mnist")
        try world.fixture.writeDataset(in: "share/mnist")
        let locator = world.locator()
        #expect(locator.candidates(for: .fashionMNIST).map(\.source) == [.userCache, .system])
        #expect(try locator.locate(.fashionMNIST).directory.path == world.path("share/fashion-mnist"))
        #expect(locator.candidates(for: .mnist).map(\.source) == [.userCache])
        #expect(throws: DatasetLocationError.self) { try locator.locate(.mnist) }
    }

    @Test func anIncompleteOptionDirectoryFailsEvenIfDataExistsElsewhere() throws {
        let world = try World()
        defer { world.fixture.remove() }
        try world.fixture.writeDataset(in: "env")
        try world.fixture.write([1], as: "option/train-images-idx3-ubyte")
        let error = try #require(throws: DatasetLocationError.self) {
            try world.locator(option: world.path("option"), environment: ["STALENESS_DATA": world.path("env")])
                .locate(.mnist)
        }
        guard case .notInDataOption = error else { Issue.record("expected notInDataOption, got \(error)"); return }
        #expect(error.description.contains(world.path("option")))
        #expect(error.description.contains("missing train-labels-idx1-ubyte[.gz]"))
        #expect(!error.description.contains("missing train-images"))
    }

    @Test func notFoundSaysHowToGetTheData() throws {
        let world = try World()
        defer { world.fixture.remove() }
        let mnist = try #require(throws: DatasetLocationError.self) { try world.locator().locate(.mnist) }
        #expect(mnist.description.contains("staleness data fetch mnist"))
        #expect(mnist.description.contains("--data DIR"))
        #expect(mnist.description.contains("STALENESS_DATA"))
        #expect(mnist.description.contains(world.path("home/.cache/staleness/mnist")))
        #expect(!mnist.description.contains("\n"))
        let fashion = try #require(throws: DatasetLocationError.self) { try world.locator().locate(.fashionMNIST) }
        #expect(fashion.description.contains("apt-get install dataset-fashion-mnist"))
    }

    @Test func rawFilesWinOverGzipAndBothAreAccepted() throws {
        let world = try World()
        defer { world.fixture.remove() }
        try world.fixture.writeDataset(in: "data", gzip: true)
        try world.fixture.writeDataset(in: "data", gzip: false)
        try FileManager.default.removeItem(atPath: world.path("data/t10k-labels-idx1-ubyte"))
        let location = try world.locator(option: world.path("data")).locate(.mnist)
        #expect(location.train.images.lastPathComponent == "train-images-idx3-ubyte")
        #expect(location.test.labels.lastPathComponent == "t10k-labels-idx1-ubyte.gz")
        #expect(try Dataset(loading: .test, of: .mnist, from: location, pipeline: .normalized).count == 2)
    }
}
