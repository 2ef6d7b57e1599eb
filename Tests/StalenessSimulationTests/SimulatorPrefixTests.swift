import Testing
@testable import StalenessSimulation

/// Emulated workers extend a simulated submission order by rerunning the simulation longer; that is
/// only sound if a longer run starts with exactly the arrivals of a shorter one.
@Suite struct SimulatorPrefixTests {
    struct Recorder: ArrivalObserver {
        var arrivals: [[Int]] = []
        mutating func record(arrival: Int, worker: Int, staleness: Int) {
            arrivals.append([arrival, worker, staleness])
        }
    }

    @Test(arguments: [1, 7, 300])
    func longerRunExtendsShorterRun(workers: Int) throws {
        func run(_ gradients: Int) throws -> [[Int]] {
            var recorder = Recorder()
            let configuration = try SimulationConfiguration(
                workers: workers, model: .normal(sigma: 0.3), gradients: gradients, warmupPerWorker: 0, seed: 9)
            _ = StalenessSimulator.run(configuration, observer: &recorder)
            return recorder.arrivals
        }
        let short = try run(5_000), long = try run(40_000)
        #expect(Array(long.prefix(short.count)) == short)
    }
}
