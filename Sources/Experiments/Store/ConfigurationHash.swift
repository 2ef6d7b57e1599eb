import Foundation
import ResultFiles
import Training

/// A stable identity for a training configuration: FNV-1a (64 bit) of its canonical JSON (sorted
/// keys, no extra spaces), as 16 lowercase hex digits.
///
/// Equal configurations have equal hashes on every run and machine with the same encoder; the
/// results store uses the hash as the run's primary key.
public enum ConfigurationHash {
    /// The canonical JSON text of `configuration`.
    public static func canonicalJSON(_ configuration: TrainingConfiguration) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a plain value type made of numbers, strings and enums cannot fail.
        let data = (try? encoder.encode(configuration)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The hash of `configuration`: ``ContentDigest`` of its canonical JSON.
    public static func of(_ configuration: TrainingConfiguration) -> String {
        ContentDigest.hexDigest(canonicalJSON(configuration).utf8)
    }

    /// The default directory name of a run: its readable name and the first 8 hex digits of its
    /// hash, e.g. `sgd-lr0.01-b64-sync-s1-3f2a9c1e`. Runs that differ in anything (epochs, data
    /// subsets, input pipeline, momentum…) get different directories, and a run repeated exactly
    /// gets its own again.
    public static func directoryName(of configuration: TrainingConfiguration) -> String {
        "\(configuration.runName)-\(of(configuration).prefix(8))"
    }
}
