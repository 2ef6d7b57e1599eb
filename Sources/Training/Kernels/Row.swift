/// Short contiguous row operations in 4-wide vectors, for row lengths known where they are inlined
/// (the loops then unroll completely).
enum Row {
    /// destination[0..<count] = source[0..<count].
    @inline(__always)
    static func copy(_ count: Int, from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
        var x = 0
        while x &+ 4 <= count {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: x &* 4, as: SIMD4<Float>.self),
                          toByteOffset: x &* 4, as: SIMD4<Float>.self)
            x &+= 4
        }
        if x &+ 2 <= count {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: x &* 4, as: SIMD2<Float>.self),
                          toByteOffset: x &* 4, as: SIMD2<Float>.self)
            x &+= 2
        }
        if x < count { destination[x] = source[x] }
    }

    /// destination[0..<count] += source[0..<count].
    @inline(__always)
    static func add(_ count: Int, from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
        var x = 0
        while x &+ 4 <= count {
            let sum = to.loadUnaligned(fromByteOffset: x &* 4, as: SIMD4<Float>.self)
                + from.loadUnaligned(fromByteOffset: x &* 4, as: SIMD4<Float>.self)
            to.storeBytes(of: sum, toByteOffset: x &* 4, as: SIMD4<Float>.self)
            x &+= 4
        }
        if x &+ 2 <= count {
            let sum = to.loadUnaligned(fromByteOffset: x &* 4, as: SIMD2<Float>.self)
                + from.loadUnaligned(fromByteOffset: x &* 4, as: SIMD2<Float>.self)
            to.storeBytes(of: sum, toByteOffset: x &* 4, as: SIMD2<Float>.self)
            x &+= 2
        }
        if x < count { destination[x] += source[x] }
    }
}
