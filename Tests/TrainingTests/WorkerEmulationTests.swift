import Foundation
import ResultFiles
import StalenessSimulation
import Testing
@testable import Training

/// The emulation plan is typed (a worker-time model, a trace reference) and encodes compactly: a
/// configuration names a trace by path and digest instead of carrying its rows.
@Suite struct WorkerEmulationTests {
    /// The order as it was encoded before the model was typed (Swift's synthesized Codable).
    private enum LegacyOrder: Codable {
        case simulated(model: String, sigma: Double, heterogeneity: WorkerHeterogeneity, seed: UInt64)
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func writeTrace(_ workers: [Int], to url: URL) throws {
        let rows = workers.enumerated().map { "\($0.offset),\($0.element),0" }
        try (["arrival,worker,staleness"] + rows).joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    @Test(arguments: [("normal", 0.2), ("gamma", 0.7), ("uniform", 0.3)])
    func simulatedOrderEncodesAsBeforeSoHashesKeep(name: String, sigma: Double) throws {
        let heterogeneity = try WorkerHeterogeneity(slowFraction: 0.25, slowFactor: 2)
        let typed = WorkerEmulation.Order.simulated(model: try WorkerTimeModel(name: name, sigma: sigma),
                                                    heterogeneity: heterogeneity, seed: 9)
        let legacy = LegacyOrder.simulated(model: name, sigma: sigma, heterogeneity: heterogeneity, seed: 9)
        #expect(try Self.json(typed) == Self.json(legacy))
        let decoded = try JSONDecoder().decode(WorkerEmulation.Order.self, from: Data(try Self.json(legacy).utf8))
        #expect(decoded == typed)
    }

    @Test func anUnknownModelInAStoredOrderIsADecodingError() {
        let text = #"{"simulated":{"heterogeneity":{"slowFactor":1,"slowFraction":0,"stragglerFactor":1,"stragglerProbability":0},"model":"weibull","seed":1,"sigma":0.2}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(WorkerEmulation.Order.self, from: Data(text.utf8)) }
    }

    @Test func aTraceIsReferencedByPathAndDigestNotCopied() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trace-ref-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let ids = (0..<10_000).map { ($0 * 7) % 4 }
        try Self.writeTrace(ids, to: url)
        let trace = try TraceFile(contentsOf: url)
        #expect(trace.reference.submissions == 10_000 && trace.reference.workers == 4)
        #expect(trace.reference.digest == ContentDigest.hexDigest(try Data(contentsOf: url)))

        var configuration = SyntheticData.configuration(batch: 10, epochs: 1)
        configuration.delay = .emulated(try WorkerEmulation(workers: 4, order: .recorded(trace: trace.reference)))
        let encoded = try Self.json(configuration)
        #expect(encoded.contains(trace.reference.digest))
        #expect(encoded.utf8.count < 2_000, "10 000 trace rows must not land in the configuration")
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(encoded.utf8))
        #expect(decoded == configuration)

        // Replaying reads the rows from the file: the same as an order recorded in memory would give.
        let replay = try SyntheticData.run(configuration)
        #expect(replay.result.epochs.count == 2)

        // The file changes: the configuration no longer describes it, and the trainer says so.
        try Self.writeTrace(ids.map { 3 - $0 }, to: url)
        #expect {
            _ = try Trainer(configuration: configuration, train: SyntheticData.train, test: SyntheticData.test)
        } throws: { error in
            "\(error)".contains("changed since the configuration was made")
        }
    }

    @Test func aTraceOfOtherWorkersIsRefused() throws {
        let reference = TraceReference(path: "t.csv", digest: "0", submissions: 10, workers: 3)
        #expect(throws: TrainingError.self) { try WorkerEmulation(workers: 4, order: .recorded(trace: reference)) }
    }
}
