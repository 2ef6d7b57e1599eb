/// How a convolution's input lies in memory within an image: where input (channel, y, x) is.
enum ConvolutionInputLayout: Equatable, Sendable {
    /// Each channel a row-major plane, planes `planeStride` floats apart ([ci][y][x]).
    case planar(planeStride: Int)
    /// A pixel's channels side by side, pixels in row-major order ([y][x][ci]).
    case channelsLast

    /// Floats between channels of a pixel.
    var planeStride: Int {
        switch self {
        case .planar(let planeStride): planeStride
        case .channelsLast: 1
        }
    }

    /// Floats between neighbouring pixels of a row, given the input's `channels`.
    func pixelStride(channels: Int) -> Int {
        switch self {
        case .planar: 1
        case .channelsLast: channels
        }
    }
}
