import CVectorKernels

/// LeNet-5's kernels other than the dense matrix products, in one of two builds of the same C code
/// (`CVectorKernels`): an AVX2 + FMA build, used when the CPU has both, and a portable one.
///
/// Both builds give bit-identical results (the kernels copy, compare, add and fuse multiply-adds in
/// a fixed order), so which one runs never changes a number; `best` is picked once per process by a
/// CPU check.
///
/// Layouts are LeNet5Worker's: pooled maps and dense rows are image-major; raw convolution outputs,
/// which no kernel writes but pooling winners index, are channel-major ([c][i][y][x]).
public struct VectorKernels: @unchecked Sendable, CustomStringConvertible {
    // @unchecked: the pointer names one of two immutable static tables in the C library.
    private let set: UnsafePointer<stl_kernel_set>

    private init(_ set: UnsafePointer<stl_kernel_set>) { self.set = set }

    /// The build for any CPU.
    public static let portable = VectorKernels(stl_portable_kernels())
    /// The AVX2 + FMA build, or `nil` on a CPU without AVX2 and FMA (or a non-x86 one).
    public static let avx2: VectorKernels? = stl_avx2_kernels().map(VectorKernels.init)
    /// The fastest build this CPU runs.
    public static let best = avx2 ?? portable
    /// Every build this CPU runs, fastest first.
    public static let available = [avx2, portable].compactMap { $0 }

    /// The build's name: `avx2` or `portable`.
    public var description: String { String(cString: set.pointee.name) }

    /// A valid, stride-1 convolution with kernel 5 of `input` (images `imageStride` apart, planes
    /// `planeStride` apart, rows of `inputSide`) by `weights` ([channels][inputChannels][5][5]),
    /// then 2×2 max-pooling (stride 2), bias and ReLU, without writing the raw output. Each window's
    /// winner is its first maximum in row-major order (as PyTorch picks it), stored in `winners` as an
    /// index into the raw output as if it were laid out channel-major over the images. Pooling before
    /// the bias is exact: x ↦ max(0, x + b) is non-decreasing. The output is image-major, PyTorch's
    /// flatten order. Each raw output is one chain of fused multiply-adds over (input channel, ky, kx).
    /// - Precondition: `inputSide` − 4 is even and at most 64.
    func convolutionPoolForward(
        _ input: UnsafePointer<Float>, images: Int, inputChannels: Int, inputSide: Int, imageStride: Int,
        planeStride: Int, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, channels: Int,
        into output: UnsafeMutablePointer<Float>, winners: UnsafeMutablePointer<Int32>
    ) {
        precondition(inputSide > 4 && (inputSide - 4) % 2 == 0 && inputSide - 4 <= Int(STL_MAX_FUSED_SIDE))
        set.pointee.conv_pool_forward(input, Int32(images), Int32(inputChannels), Int32(inputSide), Int32(imageStride),
                                      Int32(planeStride), weights, bias, Int32(channels), output, winners)
    }

    /// Lists in `routes` the pooled outputs (image-major, as `convolutionPoolForward` wrote them from raw
    /// planes of `side`) that are positive: their gradient from `outputGradient` and the offset
    /// (i·`inputImageStride` + (y·`inputSide` + x)·pixel stride) of their winner's receptive field in
    /// the convolution's input, of `inputChannels` channels in `inputLayout`. Adds each channel's listed
    /// gradients, in list order, to `biasGradient`.
    /// - Precondition: `routes` has `channels` lists of room for `images` (≤ its maximum) images.
    func routePooled(
        _ outputGradient: UnsafePointer<Float>, output: UnsafePointer<Float>, winners: UnsafePointer<Int32>,
        channels: Int, images: Int, side: Int, inputImageStride: Int, inputSide: Int, inputChannels: Int,
        inputLayout: ConvolutionInputLayout, into routes: PooledRoutes, biasGradient: UnsafeMutablePointer<Float>
    ) {
        precondition(routes.channels >= channels && routes.capacity >= images * (side / 2) * (side / 2))
        set.pointee.route_pooled(outputGradient, output, winners, Int32(channels), Int32(side),
                                 Int32(inputImageStride), Int32(inputSide),
                                 Int32(inputLayout.pixelStride(channels: inputChannels)),
                                 routes.prepare(images: images), biasGradient)
    }

    /// Adds to `weightGradient` ([channels][inputChannels][kernel][kernel]) the weight gradient of a
    /// valid, stride-1 convolution of `input` (in `layout`, rows of `inputSide`) whose output gradient
    /// is zero but for `routes`. Each weight's sum is one chain of fused multiply-adds in list order.
    func convolutionWeightGradient(
        input: UnsafePointer<Float>, inputChannels: Int, layout: ConvolutionInputLayout, inputSide: Int, kernel: Int,
        routes: PooledRoutes, channels: Int, into weightGradient: UnsafeMutablePointer<Float>
    ) {
        set.pointee.conv_weight_gradient(input, Int32(inputChannels), Int32(layout.planeStride),
                                         Int32(layout.pixelStride(channels: inputChannels)), Int32(inputSide),
                                         Int32(kernel), routes.filled, Int32(channels), weightGradient)
    }

    /// Adds to `inputGradient` (in `layout`, as the convolution's input) each route's gradient times
    /// its channel's kernel, over its receptive field.
    /// - Precondition: the kernel's receptive-field rows (`inputChannels`·`kernel` rows of `kernel`
    ///   floats planar, `kernel` rows of `inputChannels`·`kernel` channels-last), each padded to a
    ///   multiple of 8, take at most 512 floats; `inputGradient` has `kernelSlack` writable floats past
    ///   its last receptive field (they get ±0 added).
    func convolutionInputGradient(
        weights: UnsafePointer<Float>, inputChannels: Int, layout: ConvolutionInputLayout, inputSide: Int, kernel: Int,
        routes: PooledRoutes, channels: Int, into inputGradient: UnsafeMutablePointer<Float>
    ) {
        let pixelStride = layout.pixelStride(channels: inputChannels)
        let rows = inputChannels / pixelStride * kernel, paddedLength = (kernel * pixelStride + 7) / 8 * 8
        precondition(rows * paddedLength <= Int(STL_PADDED_FLOATS))
        set.pointee.conv_input_gradient(weights, Int32(inputChannels), Int32(layout.planeStride),
                                        Int32(pixelStride), Int32(inputSide), Int32(kernel), routes.filled,
                                        Int32(channels), inputGradient)
    }

    /// Writable floats `convolutionInputGradient` needs past its target's last receptive field.
    static let kernelSlack = 8

    /// Transposes each of `images` row-major matrices of `rows` × `columns` (one after another) into
    /// `destination`: a planar map of `rows` channels and `columns` pixels becomes channels-last, and
    /// back with the two swapped.
    /// - Precondition: `destination` does not overlap `source`.
    func transpose(_ source: UnsafePointer<Float>, images: Int, rows: Int, columns: Int,
                   into destination: UnsafeMutablePointer<Float>) {
        set.pointee.transpose(source, Int32(images), Int32(rows), Int32(columns), destination)
    }

    /// values[r][j] += bias[j] over a row-major [rows × columns] block, then ReLU when `relu`
    /// (negative values become 0; NaN stays NaN, so divergence stays visible).
    func denseForward(_ bias: UnsafePointer<Float>, to values: UnsafeMutablePointer<Float>,
                      rows: Int, columns: Int, relu: Bool) {
        set.pointee.dense_forward(bias, values, Int32(rows), Int32(columns), relu ? 1 : 0)
    }

    /// Zeroes gradient entries whose ReLU output was not positive (when `relu`), then adds the
    /// column sums of the gradient, in row order, to `biasGradient`.
    func denseBackward(_ gradient: UnsafeMutablePointer<Float>, activations: UnsafePointer<Float>,
                       rows: Int, columns: Int, relu: Bool, biasGradient: UnsafeMutablePointer<Float>) {
        set.pointee.dense_backward(gradient, activations, Int32(rows), Int32(columns), relu ? 1 : 0, biasGradient)
    }
}
