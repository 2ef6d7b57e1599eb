import Foundation

/// A temporary directory with a fake home, removed by `remove()`.
struct Sandbox {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("staleness-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// An environment with only PATH and a home inside the sandbox, plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["HOME": root.appendingPathComponent("home").path,
                           "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        environment.merge(extra) { $1 }
        return environment
    }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func write(_ bytes: [UInt8], to relative: String) throws {
        let url = url(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Writes raw (uncompressed) IDX files: `train` and `test` 28×28 images with labels 0, 1, …;
    /// blank unless `noisy`, in which case the pixels are pseudo-random.
    func writeDataset(in relative: String, train: Int = 3, test: Int = 2, imageMagic: UInt8 = 3,
                      noisy: Bool = false) throws {
        func be(_ value: Int) -> [UInt8] { [0, 0, UInt8(value >> 8), UInt8(value & 0xff)] }
        for (prefix, count) in [("train", train), ("t10k", test)] {
            try write([0, 0, 8, imageMagic] + be(count) + be(28) + be(28) + (0..<(count * 784)).map { noisy ? UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) : 0 },
                      to: "\(relative)/\(prefix)-images-idx3-ubyte")
            try write([0, 0, 8, 1] + be(count) + (0..<count).map { UInt8($0 % 10) },
                      to: "\(relative)/\(prefix)-labels-idx1-ubyte")
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
