import CVectorKernels

/// The entries of a convolution's output gradient that survive 2×2 max-pooling and ReLU, listed
/// per output channel (`VectorKernels.routePooled` fills it): each entry's gradient and the offset
/// of its receptive field in the convolution's input.
///
/// Only a pooled window's winner receives gradient, and only where the pooled output is positive,
/// so the list holds at most a quarter of the output gradient; the convolution's weight and input
/// gradients then run over the list instead of over a dense gradient that is mostly zeros.
final class PooledRoutes {
    /// Entries each channel has room for.
    let capacity: Int
    /// Output channels.
    let channels: Int
    /// Most images a routing may list.
    let maximumImages: Int
    /// Images the last routing listed.
    private(set) var images = 1
    private let gradient: UnsafeMutablePointer<Float>
    private let offset, ends: UnsafeMutablePointer<Int32>

    /// Room for `channels` lists of up to `maximumImages` images of `perImage` pooled outputs each.
    /// - Precondition: all three ≥ 1.
    init(channels: Int, maximumImages: Int, perImage: Int) {
        precondition(channels >= 1 && maximumImages >= 1 && perImage >= 1)
        self.channels = channels
        self.maximumImages = maximumImages
        capacity = maximumImages * perImage
        gradient = .allocate(capacity: channels * capacity)
        gradient.initialize(repeating: 0, count: channels * capacity)
        offset = .allocate(capacity: channels * capacity)
        offset.initialize(repeating: 0, count: channels * capacity)
        ends = .allocate(capacity: channels * maximumImages)
        ends.initialize(repeating: 0, count: channels * maximumImages)
    }

    deinit {
        gradient.deallocate()
        offset.deallocate()
        ends.deallocate()
    }

    /// The C view of the lists, for a routing of `images` images.
    func lists(images: Int) -> stl_routes {
        stl_routes(gradient: gradient, offset: offset, ends: ends, capacity: Int32(capacity), images: Int32(images))
    }

    /// The C view of the lists the last routing filled.
    var filled: stl_routes { lists(images: images) }

    /// Records that a routing of `images` images is about to fill the lists.
    /// - Precondition: 1 ≤ `images` ≤ `maximumImages`.
    func prepare(images: Int) -> stl_routes {
        precondition(images >= 1 && images <= maximumImages)
        self.images = images
        return lists(images: images)
    }

    /// Entries listed for `channel` by the last routing, in list order (tests).
    func entries(channel: Int) -> [(gradient: Float, offset: Int)] {
        let end = Int(ends[(channel + 1) * images - 1])
        return (0..<end).map { (gradient[channel * capacity + $0], Int(offset[channel * capacity + $0])) }
    }
}
