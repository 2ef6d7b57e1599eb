import Foundation
import Testing
@testable import Training

@Suite struct DatasetPreprocessingTests {
    /// A 28×28 image that is 0 everywhere except three chosen pixels.
    static func sparseImage() -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: 784)
        pixels[0] = 255                // row 0, column 0
        pixels[5 * 28 + 7] = 51        // row 5, column 7
        pixels[27 * 28 + 27] = 102     // row 27, column 27
        return pixels
    }

    @Test(arguments: DatasetName.allCases)
    func normalizedPadsByTwoThenStandardises(dataset: DatasetName) {
        let (mean, std): (Float, Float) = dataset == .mnist ? (0.1307, 0.3081) : (0.2860, 0.3530)
        let out = InputPipeline.normalized.process(Self.sparseImage(), count: 1, dataset: dataset)
        #expect(out.count == 1024)
        let background = (0 - mean) / std
        // Padding rows and columns, and untouched background pixels.
        for index in [0, 1, 31, 32, 33, 2 * 32 + 1, 31 * 32 + 31, 10 * 32 + 10] {
            #expect(abs(out[index] - background) < 1e-6, "pixel \(index)")
        }
        #expect(abs(out[2 * 32 + 2] - (1 - mean) / std) < 1e-6)
        #expect(abs(out[7 * 32 + 9] - (0.2 - mean) / std) < 1e-6)
        #expect(abs(out[29 * 32 + 29] - (0.4 - mean) / std) < 1e-6)
    }

    @Test func bilinearTwoByTwoToFourByFour() {
        // 1-D rule for 2 → 4 (half-pixel centres, scale 1/2): [a, b] ↦ [a, ¾a + ¼b, ¼a + ¾b, b].
        // Rows of [[0, 1], [2, 3]]: [0, .25, .75, 1] and [2, 2.25, 2.75, 3]; then the same along columns.
        let out = BilinearResize(inputSide: 2, outputSide: 4).apply([0, 1, 2, 3])
        let expected: [Float] = [
            0, 0.25, 0.75, 1,
            0.5, 0.75, 1.25, 1.5,
            1.5, 1.75, 2.25, 2.5,
            2, 2.25, 2.75, 3,
        ]
        for (got, want) in zip(out, expected) { #expect(abs(got - want) < 1e-6) }
    }

    @Test func bilinearKeepsConstantImagesConstant() {
        let out = BilinearResize(inputSide: 28, outputSide: 32).apply([Float](repeating: 0.37, count: 784))
        #expect(out.allSatisfy { abs($0 - 0.37) < 1e-6 })
    }

    @Test func paperResizesAndScalesToUnitInterval() {
        // Pixel value 9 × column: a ramp along x, constant along y.
        let ramp = (0..<784).map { UInt8(9 * ($0 % 28)) }
        let out = InputPipeline.paper.process(ramp, count: 1, dataset: .mnist)
        // Output column x samples s = (x + 0.5)·28/32 − 0.5, clamped to [0, 27]; linear in between.
        let expected: [Int: Float] = [0: 0, 1: 9 * 0.8125, 16: 9 * 13.9375, 31: 243]
        for row in [0, 13, 31] {
            for (column, value) in expected {
                #expect(abs(out[row * 32 + column] - value / 255) < 1e-5, "row \(row) column \(column)")
            }
        }
        let constant = InputPipeline.paper.process([UInt8](repeating: 128, count: 784), count: 1, dataset: .mnist)
        #expect(constant.allSatisfy { abs($0 - 128 / 255) < 1e-6 })
        #expect(out.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func processesEveryImageInTurn() {
        let first = [UInt8](repeating: 0, count: 784), second = [UInt8](repeating: 255, count: 784)
        let out = InputPipeline.paper.process(first + second, count: 2, dataset: .mnist)
        #expect(out[..<1024].allSatisfy { $0 == 0 })
        #expect(out[1024...].allSatisfy { abs($0 - 1) < 1e-6 })
    }
}

@Suite struct DatasetTests {
    @Test func loadsTrainAndTestFromLocation() throws {
        let fixture = try IDXFixture()
        defer { fixture.remove() }
        let directory = try fixture.writeDataset(in: "mnist", trainCount: 3, testCount: 2)
        let location = try DatasetLocator(dataOption: directory.path, environment: [:], homeDirectory: "/nonexistent")
            .locate(.mnist)
        let train = try Dataset(loading: .train, of: .mnist, from: location, pipeline: .normalized)
        let test = try Dataset(loading: .test, of: .mnist, from: location, pipeline: .paper)
        #expect(train.count == 3)
        #expect(train.labels == [0, 1, 2])
        #expect(train.images.count == 3 * 1024)
        #expect(test.count == 2)
        #expect(test.labels == [0, 1])
        #expect(test.images.count == 2 * 1024)
        // Image 1, pixel (row 0, column 0) holds byte 1 and lands at (2, 2) after padding.
        let expected: Float = (1.0 / 255 - 0.1307) / 0.3081
        #expect(abs(train.images[1024 + 2 * 32 + 2] - expected) < 1e-6)
    }

    @Test func prefixKeepsTheFirstExamples() {
        let images = (0..<(3 * 1024)).map { Float($0 / 1024) }
        let dataset = Dataset(images: images, labels: [4, 5, 6])
        let first = dataset.prefix(2)
        #expect(first.count == 2)
        #expect(first.labels == [4, 5])
        #expect(first.images == Array(images[..<2048]))
        #expect(dataset.prefix(10).count == 3)
        #expect(dataset.prefix(0).count == 0)
        #expect(dataset.prefix(0).images.isEmpty)
    }

    static func pair(images: Int, labels: Int, side: Int = 28, label: UInt8 = 3) throws -> (IDXImages, IDXLabels) {
        let imageBytes = IDXFixture.imageBytes(count: images, rows: side, columns: side,
                                               pixels: [UInt8](repeating: 0, count: images * side * side))
        return (try IDXImages(bytes: imageBytes, path: "imgs"),
                try IDXLabels(bytes: IDXFixture.labelBytes([UInt8](repeating: label, count: labels)), path: "lbls"))
    }

    @Test func imageAndLabelCountsMustAgree() throws {
        let (images, labels) = try Self.pair(images: 2, labels: 3)
        #expect(throws: IDXError.countMismatch(imagesPath: "imgs", images: 2, labelsPath: "lbls", labels: 3)) {
            try Dataset(images: images, labels: labels, dataset: .mnist, pipeline: .normalized)
        }
        #expect(IDXError.countMismatch(imagesPath: "imgs", images: 2, labelsPath: "lbls", labels: 3).description
            == "imgs holds 2 images but lbls holds 3 labels")
    }

    @Test func imagesMustBe28By28() throws {
        let (images, labels) = try Self.pair(images: 2, labels: 2, side: 20)
        #expect(throws: IDXError.badDimensions(path: "imgs", reason: "images are 20×20, expected 28×28")) {
            try Dataset(images: images, labels: labels, dataset: .mnist, pipeline: .normalized)
        }
    }

    @Test func labelsMustBeDigits() throws {
        let (images, labels) = try Self.pair(images: 2, labels: 2, label: 10)
        #expect(throws: IDXError.labelOutOfRange(path: "lbls", index: 0, label: 10)) {
            try Dataset(images: images, labels: labels, dataset: .mnist, pipeline: .normalized)
        }
    }
}
