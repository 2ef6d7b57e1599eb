/// Patch extraction for valid, stride-1 square convolutions ("im2col") and its adjoint ("col2im").
///
/// The patch matrix has one row per kernel tap (channel, ky, kx) and one column per output pixel
/// of every image in the group: entry [(c·k + ky)·k + kx][(i·o + y)·o + x] is
/// `source[i·imageStride + c·planeStride + (y + ky)·side + x + kx]`, with o = side − k + 1.
/// A convolution over the group is then one matrix product: weights [outC × C·k·k] · patches.
enum Unfold {
    /// Fills `patches` (C·k·k rows × images·o² columns) from the planes of `images` images.
    @inline(__always)
    static func unfold(
        _ source: UnsafePointer<Float>, images: Int, channels: Int, side: Int,
        imageStride: Int, planeStride: Int, kernel: Int,
        into patches: UnsafeMutablePointer<Float>
    ) {
        let out = side &- kernel &+ 1
        var destination = patches
        for c in 0..<channels {
            for ky in 0..<kernel {
                for kx in 0..<kernel {
                    var image = source + (c &* planeStride &+ ky &* side &+ kx)
                    for _ in 0..<images {
                        var row = image
                        for _ in 0..<out {
                            Row.copy(out, from: row, to: destination)
                            row += side
                            destination += out
                        }
                        image += imageStride
                    }
                }
            }
        }
    }

    /// Adds each patch entry back onto the source position it was taken from (the adjoint of
    /// `unfold`): `gradient` must hold the planes to add into, laid out as `unfold`'s source.
    @inline(__always)
    static func foldAdding(
        _ patches: UnsafePointer<Float>, images: Int, channels: Int, side: Int,
        imageStride: Int, planeStride: Int, kernel: Int,
        into gradient: UnsafeMutablePointer<Float>
    ) {
        let out = side &- kernel &+ 1
        var source = patches
        for c in 0..<channels {
            for ky in 0..<kernel {
                for kx in 0..<kernel {
                    var image = gradient + (c &* planeStride &+ ky &* side &+ kx)
                    for _ in 0..<images {
                        var row = image
                        for _ in 0..<out {
                            Row.add(out, from: source, to: row)
                            row += side
                            source += out
                        }
                        image += imageStride
                    }
                }
            }
        }
    }
}
