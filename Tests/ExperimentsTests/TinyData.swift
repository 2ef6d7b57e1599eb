@testable import Experiments
import Foundation
import GSLRandom
import StalenessSimulation
@testable import Training

/// Tiny learnable ten-class data for fast sweeps: in memory (32×32 inputs) and as IDX files (28×28).
enum TinyData {
    /// Class k lights a 6×6 block at a class-specific spot of a 28×28 image, plus noise.
    static func pixels(count: Int, seed: UInt64) -> (images: [UInt8], labels: [UInt8]) {
        let rng = RandomGenerator(seed: seed)
        var images = [UInt8](repeating: 0, count: count * 784), labels: [UInt8] = []
        for i in 0..<count {
            let label = i % 10
            labels.append(UInt8(label))
            let top = 3 + (label / 5) * 12, left = 1 + (label % 5) * 5
            for r in 0..<28 {
                for c in 0..<28 {
                    let inBlock = (top..<top + 6).contains(r) && (left..<left + 6).contains(c)
                    let value = (inBlock ? 200.0 : 0) + 40 * rng.uniform()
                    images[i * 784 + r * 28 + c] = UInt8(min(255, value))
                }
            }
        }
        return (images, labels)
    }

    /// The same data as a `Dataset` of zero-padded, scaled 32×32 images.
    static func dataset(count: Int, seed: UInt64) -> Dataset {
        let (raw, labels) = pixels(count: count, seed: seed)
        var images = [Float](repeating: 0, count: count * 1024)
        for i in 0..<count {
            for r in 0..<28 { for c in 0..<28 { images[i * 1024 + (r + 2) * 32 + c + 2] = Float(raw[i * 784 + r * 28 + c]) / 255 } }
        }
        return Dataset(images: images, labels: labels.map(Int32.init))
    }

    /// A data cache serving the tiny sets to every configuration.
    static func cache(for configurations: [TrainingConfiguration]) -> DataCache {
        DataCache(for: configurations, dataOption: nil) { _, _ in (dataset(count: 120, seed: 1), dataset(count: 60, seed: 2)) }
    }

    /// Writes the four MNIST IDX files (raw) of a tiny set into `directory`.
    static func writeIDX(to directory: URL, train: Int = 120, test: Int = 60) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
        for (name, count, seed) in [("train", train, UInt64(1)), ("t10k", test, UInt64(2))] {
            let (images, labels) = pixels(count: count, seed: seed)
            let imageFile = bigEndian(0x803) + bigEndian(UInt32(count)) + bigEndian(28) + bigEndian(28) + images
            let labelFile = bigEndian(0x801) + bigEndian(UInt32(count)) + labels
            try Data(imageFile).write(to: directory.appendingPathComponent("\(name)-images-idx3-ubyte"))
            try Data(labelFile).write(to: directory.appendingPathComponent("\(name)-labels-idx1-ubyte"))
        }
    }

    /// Runs `body` with a fresh temporary directory and removes the directory when `body` returns or
    /// throws, so that neither passing nor failing tests leave files behind in the temporary directory.
    /// `body` must finish everything that writes there (child processes included) before it ends.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) rethrows -> T {
        let url = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// The same for an asynchronous `body`: the directory is removed once `body` has returned or thrown.
    static func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async rethrows -> T {
        let url = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }

    /// A fresh, empty directory under the system's temporary directory; only the scoped helpers above
    /// call it, so that each directory has an owner that removes it.
    private static func makeTemporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("experiments-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fresh, empty directory `name` inside `directory`, for tests that need a second directory
    /// beside their files (both go when `directory` is removed).
    static func subdirectory(_ name: String, of directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A small grid on the tiny data: 2 learning rates × 2 delays × 2 seeds, 1 epoch, batch 20.
    static func grid() throws -> [TrainingConfiguration] {
        var grid = SweepGrid()
        try grid.set(.lr, to: "0.01,0.05")
        try grid.set(.delay, to: "0,4")
        try grid.set(.seed, to: "1,2")
        try grid.set(.batch, to: "20")
        return try grid.configurations()
    }
}
