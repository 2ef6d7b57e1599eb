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
        let inSide = Self.inputSide, outSide = Self.outputSide
        let inSize = inSide * inSide, outSize = outSide * outSide
        precondition(pixels.count == count * inSize, "pixel count does not match image count")
        // Every output value is written exactly once, image by image, so the buffer needs no zeroing
        // pass over all of its (for MNIST 245 MB of) memory first.
        return [Float](unsafeUninitializedCapacity: count * outSize) { target, initialized in
            pixels.withUnsafeBufferPointer { source in
                switch self {
                case .normalized:
                    let mean = dataset.pixelMean, std = dataset.pixelStandardDeviation
                    let table = (0..<256).map { (Float($0) / 255 - mean) / std }
                    let pad = (outSide - inSide) / 2
                    let background = table[0]
                    table.withUnsafeBufferPointer { table in
                        for image in 0..<count {
                            let from = image &* inSize, to = image &* outSize
                            for row in 0..<outSide {
                                let targetRow = to &+ row &* outSide
                                let sourceRow = row &- pad
                                guard sourceRow >= 0, sourceRow < inSide else {
                                    for column in 0..<outSide { target[targetRow &+ column] = background }
                                    continue
                                }
                                let sourceStart = from &+ sourceRow &* inSide
                                for column in 0..<pad { target[targetRow &+ column] = background }
                                for column in 0..<inSide {
                                    target[targetRow &+ pad &+ column] = table[Int(source[sourceStart &+ column])]
                                }
                                for column in (pad &+ inSide)..<outSide { target[targetRow &+ column] = background }
                            }
                        }
                    }
                case .paper:
                    let resize = BilinearResize(inputSide: inSide, outputSide: outSide)
                    let scaled = UnsafeMutableBufferPointer<Float>.allocate(capacity: inSize)
                    defer { scaled.deallocate() }
                    for image in 0..<count {
                        let from = image &* inSize, to = image &* outSize
                        for i in 0..<inSize { scaled[i] = Float(source[from &+ i]) / 255 }
                        resize.apply(UnsafeBufferPointer(scaled),
                                     into: UnsafeMutableBufferPointer(rebasing: target[to..<(to &+ outSize)]))
                    }
                }
            }
            initialized = count * outSize
        }
    }
}
