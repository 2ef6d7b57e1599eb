import GSLRandom
@testable import StalenessSimulation
import Testing

@Suite struct ArrivalWindowTests {
    /// Sorts `arrivals` with an `ArrivalWindow` and returns the (time, worker) pairs in its order.
    private func windowOrder(_ arrivals: [(time: Double, worker: Int)]) -> [(Double, Int)] {
        var window = ArrivalWindow(capacity: 4)  // small, so appending has to grow it
        defer { window.deallocate() }
        for arrival in arrivals { window.append(time: arrival.time, worker: arrival.worker) }
        return window.sortedArrivals().map {
            (Double(bitPattern: UInt64(truncatingIfNeeded: $0 >> 64)), ArrivalWindow.worker(of: $0))
        }
    }

    /// The reference order: a plain comparison sort by time, then worker id.
    private func referenceOrder(_ arrivals: [(time: Double, worker: Int)]) -> [(Double, Int)] {
        arrivals.sorted { ($0.time, $0.worker) < ($1.time, $1.worker) }.map { ($0.time, $0.worker) }
    }

    @Test(arguments: [
        (count: 1, spread: 1.0, grid: 0.0), (count: 2, spread: 1.0, grid: 0.0), (count: 1000, spread: 3.0, grid: 0.0),
        // Coarse grids: many exact ties, which must go to the lower worker id.
        (count: 1000, spread: 4.0, grid: 1.0), (count: 500, spread: 1.0, grid: 0.25),
        // A tight cluster far from the window's other arrival: overfull buckets take the fallback sort.
        (count: 2000, spread: 1e-9, grid: 0.0),
    ])
    func sortsByTimeThenWorker(count: Int, spread: Double, grid: Double) {
        let rng = RandomGenerator(seed: UInt64(count))
        var arrivals = (0..<count).map { worker -> (time: Double, worker: Int) in
            let raw = 10 + spread * rng.uniform()
            return (grid > 0 ? (raw / grid).rounded(.down) * grid : raw, worker)
        }
        if spread < 1e-6 { arrivals.append((time: 20, worker: count)) }
        rng.shuffle(&arrivals)
        let sorted = windowOrder(arrivals), expected = referenceOrder(arrivals)
        #expect(sorted.count == expected.count)
        #expect(zip(sorted, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 })
    }

    @Test func emptyWindowHasNoArrivals() {
        #expect(windowOrder([]).isEmpty)
    }
}
