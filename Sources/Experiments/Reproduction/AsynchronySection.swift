import Figures
import Foundation
import Training

/// The report's "Does asynchrony pay?": the algorithms of the plan's asynchrony part raced on each
/// emulated cluster (one ``RaceReport`` per cluster), the winner per case and its speed-up over `sync`.
public enum AsynchronySection {
    /// Test-accuracy targets of the races, ascending.
    public static let targets = [0.95, 0.97, 0.98]

    /// Whether a run belongs to a race rather than to the study's delay models: emulated workers on
    /// simulated times with an algorithm other than `async` or fixed heterogeneous base times.
    public static func isRaced(_ configuration: TrainingConfiguration) -> Bool {
        guard case let .emulated(emulation) = configuration.delay,
              case let .simulated(_, heterogeneity, _) = emulation.order else { return false }
        return emulation.algorithm != nil || heterogeneity.baseTimes != nil
    }

    /// One race per cluster among the snapshot's raced runs, in the order the store holds them.
    public static func races(_ snapshot: StoreSnapshot) -> [RaceReport] {
        let runs = snapshot.runs.filter { (try? $0.decodedConfiguration()).map(isRaced) ?? false }
        let hashes = Set(runs.map(\.hash))
        return RaceReport.build(runs: runs, epochs: snapshot.epochs.filter { hashes.contains($0.runHash) },
                                targets: targets)
    }

    /// The file of race `index` (0-based): `asynchrony-<index + 1>.svg`.
    public static func figureName(_ index: Int) -> String { "asynchrony-\(index + 1).svg" }

    /// Test accuracy against simulated time for every race, named by ``figureName(_:)``.
    public static func figures(_ races: [RaceReport]) -> [(name: String, document: SVGDocument)] {
        races.enumerated().map { (figureName($0.offset), $0.element.figure()) }
    }

    /// The section's body: what was raced, the winner per case and target with its speed-up over
    /// `sync`, a count of the cases asynchrony wins, then each race's table and figure.
    static func markdown(_ races: [RaceReport], figures: [String]) -> [String] {
        guard !races.isEmpty else { return ["No raced runs in the store (`reproduce --part asynchrony` runs them)."] }
        func percent(_ x: Double) -> String { String(format: "%g%%", 100 * x) }
        var lines = [
            "Each case is one emulated cluster: N workers, worker i computing for √(i+1) × N(1, σ²) mean compute "
                + "times (drawn per gradient, redrawn at ≤ 0) and five times longer with probability 0.05 (a random "
                + "straggler); SGD (momentum 0.9) at batch 64 on the server. Every algorithm ran at each learning rate "
                + "of the grid and is shown at the one that reached the highest target first (then the earliest). "
                + "Times are simulated, in mean compute times of one gradient; every algorithm sees the same number "
                + "of applied gradients per epoch. `sync-backup:K` uses N + K workers.",
            "",
            "The budget is the same number of examples, not of time: `sync` applies N gradients per step and "
                + "`rennala:B` B of them, so in a fixed number of epochs they take N (B) times fewer steps than "
                + "`async`, and on large clusters the grid's epochs may be too few for them to reach a target at any "
                + "learning rate of the grid. \"nobody\" means no algorithm reached the target within the run; a "
                + "speed-up written `> x×` is a lower bound, measured against the simulated time of `sync`'s whole run. "
                + "`sync`, `sync-backup:K` and `rennala:B` apply only fresh gradients, so their accuracies do not "
                + "depend on σ (only their times do), and `rennala:B` on N workers trains like `sync` on B workers (the same mini-batches, averaged B at a time).",
            "",
        ]
        let header = ["case"] + targets.map { "first to \(percent($0)) (speed-up over `sync`)" }
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
        for race in races {
            var row = [race.caseName]
            for index in targets.indices {
                guard let w = race.winner(target: index) else { row.append("nobody"); continue }
                let speedUp = w.algorithm == "sync" ? "" : " (\(race.speedUpText(target: index)))"
                row.append("`\(w.algorithm)` at \(String(format: "%.0f", w.time))" + speedUp)
            }
            lines.append("| " + row.joined(separator: " | ") + " |")
        }
        lines.append("")
        for index in targets.indices {
            let winners = races.map { $0.winner(target: index)?.algorithm }
            let asynchronous = winners.count { $0.flatMap(Algorithm.init).map { !$0.isSynchronous } ?? false }
            let synchronous = winners.count { $0.flatMap(Algorithm.init)?.isSynchronous ?? false }
            lines.append("- \(percent(targets[index])): an asynchronous algorithm (`async`, `rennala`, `ringmaster`) is "
                         + "first in \(asynchronous) of \(races.count) cases, `sync` or `sync-backup` in \(synchronous), "
                         + "nobody reaches it in \(races.count - asynchronous - synchronous).")
        }
        for (index, race) in races.enumerated() {
            lines.append("")
            lines.append("### \(race.caseName)")
            lines.append("")
            lines.append(race.markdown)
            let figure = figureName(index)
            if figures.contains(figure) {
                lines.append("")
                lines.append("![\(figure)](\(figure))")
            }
        }
        return lines
    }
}
