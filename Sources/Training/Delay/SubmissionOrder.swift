/// Decides which emulated worker submits the next gradient.
protocol SubmissionOrder: AnyObject {
    /// Workers taking part once all have joined.
    var workers: Int { get }
    /// Lets workers `0..<count` take part; those joining now start computing at the current time.
    func activate(_ count: Int)
    /// The worker whose gradient reaches the server next.
    func nextWorker() -> Int
}
