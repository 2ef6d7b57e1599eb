import Foundation
import Synchronization
import Testing
@testable import Training

@Suite struct ThreadTeamTests {
    /// Every task index runs exactly once per call, and a call returns only after all of them have:
    /// over many calls in a row (helpers still spinning) and after pauses longer than the spin
    /// limit (helpers asleep on their semaphores).
    @Test func everyTaskRunsOncePerCall() {
        let team = ThreadTeam(size: 3)
        let runs = Mutex([Int](repeating: 0, count: 3))
        for call in 1...300 {
            if call % 100 == 0 { Thread.sleep(forTimeInterval: 0.002) }  // > ThreadTeam.spinLimit
            team.run { index in runs.withLock { $0[index] += 1 } }
            let counts = runs.withLock { $0 }
            #expect(counts == [call, call, call])
            if counts != [call, call, call] { break }
        }
    }

    /// A team of one runs its single task on the calling thread.
    @Test func teamOfOneRunsOnTheCaller() {
        let team = ThreadTeam(size: 1)
        var ranOn: Thread?
        team.run { _ in ranOn = Thread.current }
        #expect(ranOn == Thread.current)
    }
}
