/// Bilinear resizing of square single-channel images, as PyTorch's
/// `interpolate(mode="bilinear", align_corners=False)` (and so `torchvision`'s `Resize` on a tensor
/// when upsampling, where no antialiasing applies).
///
/// Output pixel `d` samples the input at `s = (d + 0.5)·(inputSide/outputSide) − 0.5` (half-pixel
/// centres), with `s` clamped below at 0; it blends input pixels `⌊s⌋` and `⌊s⌋ + 1` (the latter
/// clamped to the last pixel) with weights `1 − (s − ⌊s⌋)` and `s − ⌊s⌋`, first along rows and then
/// along columns.
public struct BilinearResize: Sendable {
    /// Side of the input images, in pixels.
    public let inputSide: Int
    /// Side of the output images, in pixels.
    public let outputSide: Int
    private let lower: [Int]
    private let upper: [Int]
    private let upperWeight: [Float]

    /// Prepares the sampling positions for `inputSide` → `outputSide`. - Precondition: both ≥ 1.
    public init(inputSide: Int, outputSide: Int) {
        precondition(inputSide >= 1 && outputSide >= 1, "image sides must be at least 1")
        self.inputSide = inputSide
        self.outputSide = outputSide
        let scale = Float(inputSide) / Float(outputSide)
        var lower = [Int](), upper = [Int](), upperWeight = [Float]()
        for d in 0..<outputSide {
            let s = max(0, (Float(d) + 0.5) * scale - 0.5)
            let i = min(Int(s), inputSide - 1)
            lower.append(i)
            upper.append(min(i + 1, inputSide - 1))
            upperWeight.append(s - Float(i))
        }
        self.lower = lower
        self.upper = upper
        self.upperWeight = upperWeight
    }

    /// Resizes one row-major `inputSide`² image into `output` (`outputSide`² values).
    /// - Precondition: the buffers have exactly those sizes.
    public func apply(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(input.count == inputSide * inputSide && output.count == outputSide * outputSide,
                     "buffer sizes do not match the resize")
        for y in 0..<outputSide {
            let wy = upperWeight[y]
            let row0 = lower[y] &* inputSide, row1 = upper[y] &* inputSide
            for x in 0..<outputSide {
                let wx = upperWeight[x]
                let x0 = lower[x], x1 = upper[x]
                let top = (1 - wx) * input[row0 &+ x0] + wx * input[row0 &+ x1]
                let bottom = (1 - wx) * input[row1 &+ x0] + wx * input[row1 &+ x1]
                output[y &* outputSide &+ x] = (1 - wy) * top + wy * bottom
            }
        }
    }

    /// Resizes one row-major `inputSide`² image and returns the `outputSide`² result.
    /// - Precondition: `input.count == inputSide²`.
    public func apply(_ input: [Float]) -> [Float] {
        var output = [Float](repeating: 0, count: outputSide * outputSide)
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { apply(input, into: $0) }
        }
        return output
    }
}
