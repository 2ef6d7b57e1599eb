import Foundation
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

    /// The hash of `configuration`.
    public static func of(_ configuration: TrainingConfiguration) -> String {
        hex(fnv1a64(Array(canonicalJSON(configuration).utf8)))
    }

    /// FNV-1a, 64-bit variant (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    public static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// 16 lowercase hex digits, zero-padded.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
