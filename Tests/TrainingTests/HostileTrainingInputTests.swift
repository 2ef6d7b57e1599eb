import CZlib
import Foundation
import StalenessSimulation
import Testing
@testable import Training

/// Inputs that used to exhaust memory or leave a misleading run folder.
@Suite struct HostileTrainingInputTests {
    /// A gzip file whose IDX header declares 2 labels but which inflates to 8 MB stops at the
    /// declared size instead of inflating everything.
    @Test func gzipDataBeyondWhatTheHeaderDeclaresStopsEarly() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let bomb = IDXFixture.labelBytes([1, 2]) + [UInt8](repeating: 0, count: 8 << 20)
        let url = try fixture.write(bomb, as: "labels.gz", gzip: true)
        #expect(throws: IDXError.inflatesTooFar(path: url.path, limit: 10)) { try IDXLabels(contentsOf: url) }
        // The same header with exactly its data reads.
        let fine = try fixture.write(IDXFixture.labelBytes([1, 2]), as: "fine.gz", gzip: true)
        #expect(try IDXLabels(contentsOf: fine).labels == [1, 2])
    }

    @Test func aHeaderDeclaringMoreThanTheMaximumIsRefusedBeforeInflating() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let huge = IDXFixture.imageBytes(count: 4_000_000, rows: 28, columns: 28, pixels: [])
        let url = try fixture.write(huge, as: "images.gz", gzip: true)
        let error = try #require(throws: IDXError.self) { try IDXImages(contentsOf: url) }
        #expect(error == .badDimensions(path: url.path, reason: "the header declares 3136000016 bytes, more than the supported maximum \(1 << 30)"))
    }

    @Test func declaredLengthFollowsTheHeader() {
        let labels = IDXFixture.labelBytes([], count: 5)
        #expect(IDXFileContents.declaredLength(labels, produced: 3) == nil)
        #expect(IDXFileContents.declaredLength(labels, produced: labels.count) == 8 + 5)
        let images = IDXFixture.imageBytes(count: 2, rows: 28, columns: 28, pixels: [])
        #expect(IDXFileContents.declaredLength(images, produced: 8) == nil)
        #expect(IDXFileContents.declaredLength(images, produced: 16) == 16 + 2 * 784)
    }

    @Test func delayBuffersAreEstimatedAndRefusedWithTheFigure() throws {
        var configuration = TrainingConfiguration()
        configuration.delay = .emulated(try WorkerEmulation(
            workers: 20_000, order: .simulated(model: .studyDefault, heterogeneity: .none, seed: 1)))
        let perWorker = Double(LeNet5.parameterCount * 4 + 64)
        #expect(configuration.estimatedDelayBufferBytes == 20_000 * perWorker)
        let budget = MemoryBudget(bytes: Double(1 << 30), source: MemoryBudget.variable)
        #expect(throws: TrainingError.invalidConfiguration(
            "emulating 20000 workers (one parameter copy each) needs about 4.9 GB of memory, more than the limit STALENESS_MAX_MEMORY=1.1 GB")) {
            try configuration.checkMemory(budget)
        }
        configuration.delay = .constant(delay: 32, flushAtEnd: false)
        try configuration.checkMemory(budget)
    }

    /// A new run in an old run's folder removes the old summary and metrics and marks the folder as
    /// running until its own summary is written.
    @Test func aNewRunClearsThePreviousRunsFilesAndMarksItsFolder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = MetricsWriter(directory: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for url in [writer.summaryURL, writer.csvURL, writer.jsonLinesURL] { try Data("old".utf8).write(to: url) }
        try writer.checkWritable()
        try writer.begin(TrainingConfiguration())
        for url in [writer.summaryURL, writer.csvURL, writer.jsonLinesURL] {
            #expect(!FileManager.default.fileExists(atPath: url.path))
        }
        let running = try String(contentsOf: writer.runningURL, encoding: .utf8)
        #expect(running.contains("\"status\":\"running\""))
    }
}
