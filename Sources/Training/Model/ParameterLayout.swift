/// Where each named tensor lives inside one flat parameter vector.
///
/// Slices are contiguous, row-major, and packed in declaration order with no gaps, so the flat
/// vector is exactly PyTorch's `state_dict` concatenated tensor by tensor.
public struct ParameterLayout: Sendable, Equatable {
    /// One named tensor: its shape and its position in the flat vector.
    public struct Slice: Sendable, Equatable {
        /// The tensor's name, as in PyTorch's `state_dict` (e.g. `conv1.weight`).
        public let name: String
        /// The tensor's shape, outermost dimension first.
        public let shape: [Int]
        /// Index of the tensor's first element in the flat vector.
        public let offset: Int
        /// Number of elements (product of `shape`).
        public var count: Int { shape.reduce(1, *) }
        /// The tensor's index range in the flat vector.
        public var range: Range<Int> { offset..<(offset + count) }
    }

    /// The tensors, in flat-vector order.
    public let slices: [Slice]

    /// Packs `tensors` one after the other. - Precondition: every dimension is positive.
    public init(_ tensors: [(name: String, shape: [Int])]) {
        var offset = 0
        var slices: [Slice] = []
        for tensor in tensors {
            precondition(tensor.shape.allSatisfy { $0 > 0 }, "tensor \(tensor.name) has an empty dimension")
            let slice = Slice(name: tensor.name, shape: tensor.shape, offset: offset)
            slices.append(slice)
            offset += slice.count
        }
        self.slices = slices
    }

    /// Total number of scalars in the flat vector.
    public var count: Int { slices.last.map { $0.offset + $0.count } ?? 0 }

    /// The slice called `name`, or `nil` when there is none.
    public subscript(name: String) -> Slice? { slices.first { $0.name == name } }
}
