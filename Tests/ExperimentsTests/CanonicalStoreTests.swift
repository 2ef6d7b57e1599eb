import Foundation
import Testing
import Experiments
import Training

/// The committed results stores need no migration for the canonical optimizer settings: every stored
/// run's configuration, put in canonical form, has the hash it is stored under, so a resumed
/// reproduction finds (and skips) every run.
@Suite struct CanonicalStoreTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyCommittedRunKeepsItsHash() throws {
        let committed = Self.repository.appendingPathComponent("notebooks-data/reproduction-full/runs.sqlite")
        try #require(FileManager.default.fileExists(atPath: committed.path))
        // A copy: opening a store may migrate its schema.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("canonical-\(UUID().uuidString).sqlite")
        try FileManager.default.copyItem(at: committed, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let runs = try ResultsStore(path: copy.path).runs()
        #expect(runs.count >= 200)
        var adam = 0
        for run in runs {
            var configuration = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(run.configuration.utf8))
            configuration.optimizer = configuration.optimizer.canonical
            #expect(ConfigurationHash.of(configuration) == run.hash, "\(run.runName)")
            if configuration.optimizer.kind == .adam { adam += 1 }
        }
        #expect(adam > 0)
    }

    /// Canonical form: what the algorithm ignores does not tell settings apart; what it uses does.
    @Test func canonicalFormForgetsOnlyIgnoredHyperParameters() {
        let adam = OptimizerSettings(kind: .adam, momentum: 0.3).canonical
        #expect(adam == OptimizerSettings(kind: .adam, momentum: 0.9).canonical)
        #expect(adam != OptimizerSettings(kind: .adam, beta1: 0.8).canonical)
        let rmsprop = OptimizerSettings(kind: .rmsprop, momentum: 0.3).canonical
        #expect(rmsprop.momentum == 0.3)
        #expect(OptimizerSettings(kind: .sgd, beta1: 0.5).canonical == OptimizerSettings(kind: .sgd).canonical)
        #expect(OptimizerSettings(kind: .adagrad).canonical.epsilon == 1e-10)
    }
}
