/// How a 28×28 IDX image becomes the 32×32 input of LeNet-5.
public enum InputPipeline: String, CaseIterable, Codable, Sendable {
    /// The default: the 28×28 image zero-padded by 2 pixels on every side (the padding is raw
    /// pixel value 0, i.e. background), then each pixel x ↦ (x/255 − mean)/std with the dataset's
    /// ``DatasetName/pixelMean`` and ``DatasetName/pixelStandardDeviation``. Padding pixels
    /// therefore hold −mean/std, like every other background pixel.
    case normalized
    /// The original study's pipeline: bilinear resize 28×28 → 32×32 as `torchvision`'s `Resize`
    /// does on a tensor (see ``BilinearResize``), values x/255 in [0, 1], not normalised.
    case paper

    /// Side of the square images the pipeline produces.
    public static let outputSide = 32
    /// Side of the square images the pipeline accepts.
    public static let inputSide = 28

    /// Converts `count` images of 28×28 bytes, image after image, into `count` images of 32×32
    /// floats. - Precondition: `pixels.count == count × 784`.
    func process(_ pixels: [UInt8], count: Int, dataset: DatasetName) -> [Float] {
        let inSize = Self.inputSide * Self.inputSide
        let outSize = Self.outputSide * Self.outputSide
        precondition(pixels.count == count * inSize, "pixel count does not match image count")
        var output = [Float](repeating: 0, count: count * outSize)
        switch self {
        case .normalized:
            let mean = dataset.pixelMean, std = dataset.pixelStandardDeviation
            let table = (0..<256).map { (Float($0) / 255 - mean) / std }
            let pad = (Self.outputSide - Self.inputSide) / 2
            pixels.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    table.withUnsafeBufferPointer { table in
                        for i in 0..<target.count { target[i] = table[0] }
                        for image in 0..<count {
                            let from = image &* inSize, to = image &* outSize
                            for row in 0..<Self.inputSide {
                                let sourceRow = from &+ row &* Self.inputSide
                                let targetRow = to &+ (row &+ pad) &* Self.outputSide &+ pad
                                for column in 0..<Self.inputSide {
                                    target[targetRow &+ column] = table[Int(source[sourceRow &+ column])]
                                }
                            }
                        }
                    }
                }
            }
        case .paper:
            let resize = BilinearResize(inputSide: Self.inputSide, outputSide: Self.outputSide)
            var scaled = [Float](repeating: 0, count: inSize)
            pixels.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    scaled.withUnsafeMutableBufferPointer { scaled in
                        for image in 0..<count {
                            let from = image &* inSize
                            for i in 0..<inSize { scaled[i] = Float(source[from &+ i]) / 255 }
                            resize.apply(
                                UnsafeBufferPointer(scaled),
                                into: UnsafeMutableBufferPointer(rebasing: target[(image &* outSize)..<(image &* outSize &+ outSize)])
                            )
                        }
                    }
                }
            }
        }
        return output
    }
}
