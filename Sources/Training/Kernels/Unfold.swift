/// Patch extraction for valid, stride-1 square convolutions ("im2col") and its adjoint ("col2im").
///
/// The patch matrix has one row per kernel tap (channel, ky, kx) and one column per output pixel
/// of every image in the group: entry [(c·k + ky)·k + kx][(i·o + y)·o + x] is
/// `source[i·imageStride + c·planeStride + (y + ky)·side + x + kx]`, with o = side − k + 1.
/// A convolution over the group is then one matrix product: weights [outC × C·k·k] · patches.
enum Unfold {
    /// Fills `patches` (C·k·k rows × images·o² columns) from the planes of `images` images.
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
                    for i in 0..<images {
                        var row = source + (i &* imageStride &+ c &* planeStride &+ ky &* side &+ kx)
                        for _ in 0..<out {
                            copy(out, from: row, to: destination)
                            row += side
                            destination += out
                        }
                    }
                }
            }
        }
    }

    /// Adds each patch entry back onto the source position it was taken from (the adjoint of
    /// `unfold`): `gradient` must hold the planes to add into, laid out as `unfold`'s source.
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
                    for i in 0..<images {
                        var row = gradient + (i &* imageStride &+ c &* planeStride &+ ky &* side &+ kx)
                        for _ in 0..<out {
                            add(out, from: source, to: row)
                            row += side
                            source += out
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func copy(_ count: Int, from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
        var byte = 0
        let vectorBytes = (count & ~3) &* 4
        while byte < vectorBytes {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: byte, as: SIMD4<Float>.self),
                          toByteOffset: byte, as: SIMD4<Float>.self)
            byte &+= 16
        }
        var x = count & ~3
        while x < count {
            destination[x] = source[x]
            x &+= 1
        }
    }

    @inline(__always)
    private static func add(_ count: Int, from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
        var byte = 0
        let vectorBytes = (count & ~3) &* 4
        while byte < vectorBytes {
            let sum = to.loadUnaligned(fromByteOffset: byte, as: SIMD4<Float>.self)
                + from.loadUnaligned(fromByteOffset: byte, as: SIMD4<Float>.self)
            to.storeBytes(of: sum, toByteOffset: byte, as: SIMD4<Float>.self)
            byte &+= 16
        }
        var x = count & ~3
        while x < count {
            destination[x] += source[x]
            x &+= 1
        }
    }
}
