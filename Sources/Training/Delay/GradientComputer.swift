/// Computes mini-batch gradients: the next batch of the shared stream, forward and backward through
/// LeNet-5 on whichever parameters a delay model says the gradient was computed on.
final class GradientComputer {
    let model: LeNet5
    let stream: BatchStream

    init(model: LeNet5, stream: BatchStream) {
        self.model = model
        self.stream = stream
    }

    /// Draws the next batch and overwrites `gradient` with the mean-loss gradient at `parameters`.
    func compute(on parameters: UnsafeBufferPointer<Float>, into gradient: UnsafeMutableBufferPointer<Float>)
        -> BatchOutcome
    {
        let n = stream.next()
        return stream.images.withUnsafeBufferPointer { images in
            stream.labels.withUnsafeBufferPointer { labels in
                model.gradient(parameters: parameters, images: images, labels: labels, batch: n, into: gradient)
            }
        }
    }
}
