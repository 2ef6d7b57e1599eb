/// A fixed-size block of floats that owns its memory: parameters, gradients, snapshot rings.
///
/// Unlike `[Float]` it hands out a stable pointer without closures or copy-on-write checks, which keeps
/// the training step free of allocation and uniqueness tests.
public final class FloatBuffer {
    /// The memory, valid while `self` lives.
    public let storage: UnsafeMutableBufferPointer<Float>

    /// Allocates `count` floats set to `value`.
    public init(count: Int, value: Float = 0) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: value)
    }

    /// Allocates a copy of `values`.
    public convenience init(_ values: [Float]) {
        self.init(count: values.count)
        _ = storage.update(fromContentsOf: values)
    }

    deinit { storage.deallocate() }

    /// Number of floats.
    public var count: Int { storage.count }

    /// Bytes held.
    public var byteCount: Int { storage.count * MemoryLayout<Float>.stride }

    /// Read-only view of the whole block.
    public var readable: UnsafeBufferPointer<Float> { UnsafeBufferPointer(storage) }

    /// A mutable view of `count` floats starting at `offset`.
    public func slice(offset: Int, count: Int) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(rebasing: storage[offset..<(offset + count)])
    }

    /// The contents as an array (a copy).
    public var array: [Float] { Array(storage) }
}
