import GSLRandom

/// An endless stream of mini-batches drawn from a dataset, reshuffled (seeded) at the start of
/// every pass.
///
/// Every pass visits each example once; the last batch of a pass is partial when the batch size does
/// not divide the set. Passes are counted by the stream, not by the trainer's epochs, so a delay
/// model that consumes fewer batches than it takes steps still sees each example once per pass.
public final class BatchStream {
    /// The examples drawn from.
    public let dataset: Dataset
    /// Examples per full batch.
    public let batchSize: Int
    /// Batches in one pass over the data (the last may be partial).
    public var batchesPerPass: Int { (dataset.count + batchSize - 1) / batchSize }

    private let generator: RandomGenerator
    private var order: [Int32]
    private var cursor: Int
    private let pixels = Dataset.pixelsPerImage

    /// Gathered images of the current batch (`batchSize × 1024` floats; the first `count` rows valid).
    public private(set) var images: [Float]
    /// Labels of the current batch (the first `count` valid).
    public private(set) var labels: [Int32]
    /// Examples in the current batch.
    public private(set) var count = 0

    /// Creates a stream whose shuffles come from a generator seeded with `seed`.
    /// - Precondition: `1 <= batchSize <= dataset.count`.
    public init(dataset: Dataset, batchSize: Int, seed: UInt64) {
        precondition(batchSize >= 1 && batchSize <= dataset.count, "batch size out of range")
        self.dataset = dataset
        self.batchSize = batchSize
        generator = RandomGenerator(seed: seed)
        order = (0..<Int32(dataset.count)).map { $0 }
        cursor = dataset.count
        images = [Float](repeating: 0, count: batchSize * Dataset.pixelsPerImage)
        labels = [Int32](repeating: 0, count: batchSize)
    }

    /// Gathers the next batch into `images`/`labels` and returns its size.
    @discardableResult
    public func next() -> Int {
        if cursor == dataset.count {
            generator.shuffle(&order)
            cursor = 0
        }
        let n = min(batchSize, dataset.count - cursor)
        let pixels = self.pixels
        order.withUnsafeBufferPointer { order in
            dataset.images.withUnsafeBufferPointer { source in
                images.withUnsafeMutableBufferPointer { destination in
                    for row in 0..<n {
                        let from = Int(order[cursor &+ row]) &* pixels
                        (destination.baseAddress! + row &* pixels)
                            .update(from: source.baseAddress! + from, count: pixels)
                    }
                }
            }
            dataset.labels.withUnsafeBufferPointer { source in
                labels.withUnsafeMutableBufferPointer { destination in
                    for row in 0..<n { destination[row] = source[Int(order[cursor &+ row])] }
                }
            }
        }
        cursor += n
        count = n
        return n
    }
}
