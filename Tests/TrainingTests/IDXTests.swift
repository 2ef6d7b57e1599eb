import CZlib
import Foundation
import Testing
@testable import Training

/// Builds small IDX files, raw or gzip-compressed, in a fresh temporary directory.
struct IDXFixture {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("staleness-idx-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }

    /// The bytes of an image file: magic, count, rows, columns, pixels.
    static func imageBytes(count: Int, rows: Int, columns: Int, pixels: [UInt8], magic: UInt32 = 0x803) -> [UInt8] {
        bigEndian(magic) + bigEndian(UInt32(count)) + bigEndian(UInt32(rows)) + bigEndian(UInt32(columns)) + pixels
    }

    /// The bytes of a label file: magic, count, labels.
    static func labelBytes(_ labels: [UInt8], count: Int? = nil, magic: UInt32 = 0x801) -> [UInt8] {
        bigEndian(magic) + bigEndian(UInt32(count ?? labels.count)) + labels
    }

    /// Writes `bytes` under `name`, gzip-compressed with zlib's gzwrite when `gzip` is set.
    @discardableResult
    func write(_ bytes: [UInt8], as name: String, gzip: Bool = false) throws -> URL {
        let url = directory.appendingPathComponent(name)
        if gzip {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let file = try #require(gzopen(url.path, "wb"))
            let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
            #expect(Int(written) == bytes.count)
            #expect(gzclose(file) == Z_OK)
        } else {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return url
    }

    /// Writes the four standard files of a dataset with `trainCount` and `testCount` 28×28 images
    /// into `subdirectory` (pixel i of image k is (k + i) mod 256, label k mod 10).
    @discardableResult
    func writeDataset(in subdirectory: String, trainCount: Int = 3, testCount: Int = 2, gzip: Bool = true) throws -> URL {
        for (split, count) in [(DatasetSplit.train, trainCount), (.test, testCount)] {
            let pixels = (0..<(count * 784)).map { UInt8(($0 / 784 + $0 % 784) % 256) }
            let suffix = gzip ? ".gz" : ""
            try write(Self.imageBytes(count: count, rows: 28, columns: 28, pixels: pixels),
                      as: "\(subdirectory)/\(split.imagesFileName)\(suffix)", gzip: gzip)
            try write(Self.labelBytes((0..<count).map { UInt8($0 % 10) }),
                      as: "\(subdirectory)/\(split.labelsFileName)\(suffix)", gzip: gzip)
        }
        return directory.appendingPathComponent(subdirectory, isDirectory: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite struct IDXTests {
    static let pixels: [UInt8] = [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]

    @Test(arguments: [false, true])
    func decodesImages(gzip: Bool) throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let url = try fixture.write(IDXFixture.imageBytes(count: 2, rows: 2, columns: 3, pixels: Self.pixels),
                                    as: "images", gzip: gzip)
        let images = try IDXImages(contentsOf: url)
        #expect(images.count == 2)
        #expect(images.rows == 2)
        #expect(images.columns == 3)
        #expect(images.pixels == Self.pixels)
    }

    @Test(arguments: [false, true])
    func decodesLabels(gzip: Bool) throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let url = try fixture.write(IDXFixture.labelBytes([5, 0, 4, 1, 9]), as: "labels", gzip: gzip)
        #expect(try IDXLabels(contentsOf: url).labels == [5, 0, 4, 1, 9])
    }

    @Test func concatenatedGzipMembersDecodeAsOneFile() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let bytes = IDXFixture.labelBytes(Array(repeating: 7, count: 100))
        let first = try Data(contentsOf: fixture.write(Array(bytes[..<50]), as: "a.gz", gzip: true))
        let second = try Data(contentsOf: fixture.write(Array(bytes[50...]), as: "b.gz", gzip: true))
        let joined = fixture.directory.appendingPathComponent("joined.gz")
        try (first + second).write(to: joined)
        #expect(try IDXLabels(contentsOf: joined).labels == Array(repeating: 7, count: 100))
    }

    @Test func labelFileReadAsImagesIsBadMagic() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let url = try fixture.write(IDXFixture.labelBytes(Array(repeating: 1, count: 20)), as: "labels")
        #expect(throws: IDXError.badMagic(path: url.path, found: 0x801, expected: 0x803)) {
            try IDXImages(contentsOf: url)
        }
        let error = try #require(throws: IDXError.self) { try IDXImages(contentsOf: url) }
        #expect(error.description.hasPrefix(url.path))
        #expect(error.description.contains("0x00000801"))
        #expect(error.description.contains("label file"))
    }

    @Test func wrongMagicInLabelsIsReported() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let url = try fixture.write(IDXFixture.labelBytes([1, 2], magic: 0x1234), as: "labels")
        #expect(throws: IDXError.badMagic(path: url.path, found: 0x1234, expected: 0x801)) {
            try IDXLabels(contentsOf: url)
        }
    }

    @Test(arguments: [false, true])
    func truncatedImagesAreReported(gzip: Bool) throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        // The header promises 3 images of 2×3 (18 bytes) but only 12 follow.
        let url = try fixture.write(IDXFixture.imageBytes(count: 3, rows: 2, columns: 3, pixels: Self.pixels),
                                    as: "images", gzip: gzip)
        #expect(throws: IDXError.truncated(path: url.path, expected: 16 + 18, actual: 16 + 12)) {
            try IDXImages(contentsOf: url)
        }
    }

    @Test func truncatedHeaderIsReported() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let url = try fixture.write([0, 0, 8, 3, 0, 0], as: "images")
        #expect(throws: IDXError.truncated(path: url.path, expected: 16, actual: 6)) { try IDXImages(contentsOf: url) }
    }

    @Test func trailingBytesAreReported() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let url = try fixture.write(IDXFixture.labelBytes([1, 2, 3, 4], count: 3), as: "labels")
        #expect(throws: IDXError.trailingBytes(path: url.path, extra: 1)) { try IDXLabels(contentsOf: url) }
    }

    @Test func zeroDimensionsAreReported() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let url = try fixture.write(IDXFixture.imageBytes(count: 1, rows: 0, columns: 28, pixels: []), as: "images")
        let error = try #require(throws: IDXError.self) { try IDXImages(contentsOf: url) }
        guard case .badDimensions = error else { Issue.record("expected badDimensions, got \(error)"); return }
        #expect(error.description.contains(url.path))
    }

    @Test func corruptGzipIsReported() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let good = try fixture.write(IDXFixture.imageBytes(count: 4, rows: 28, columns: 28,
                                                           pixels: (0..<(4 * 784)).map { UInt8($0 % 251) }),
                                     as: "images.gz", gzip: true)
        var bytes = try [UInt8](Data(contentsOf: good))
        for i in 12..<(bytes.count - 8) { bytes[i] ^= 0x5a }
        let corrupt = try fixture.write(bytes, as: "corrupt.gz")
        let error = try #require(throws: IDXError.self) { try IDXImages(contentsOf: corrupt) }
        guard case .corruptGzip(let path, _) = error else { Issue.record("expected corruptGzip, got \(error)"); return }
        #expect(path == corrupt.path)
    }

    @Test func truncatedGzipIsReported() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let good = try fixture.write(IDXFixture.labelBytes((0..<1000).map { UInt8($0 % 10) }), as: "labels.gz", gzip: true)
        let bytes = try [UInt8](Data(contentsOf: good))
        let cut = try fixture.write(Array(bytes[..<(bytes.count / 2)]), as: "cut.gz")
        let error = try #require(throws: IDXError.self) { try IDXLabels(contentsOf: cut) }
        #expect(error == .corruptGzip(path: cut.path, reason: "the compressed data ends early (truncated file)"))
    }

    @Test func missingFileIsReported() throws {
        let path = "/nonexistent-staleness-dir/train-images-idx3-ubyte"
        let error = try #require(throws: IDXError.self) { try IDXImages(contentsOf: URL(fileURLWithPath: path)) }
        #expect(error == .cannotRead(path: path, reason: "No such file or directory"))
    }
}
