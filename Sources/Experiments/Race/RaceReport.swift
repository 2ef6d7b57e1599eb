import Figures
import Foundation
import ResultFiles
import Training

/// Algorithms raced on one emulated cluster: for each algorithm the learning rate that reached the
/// targets first in simulated time, its curve of test accuracy against simulated time, and its
/// totals. Built from a results store's runs (``build(runs:epochs:targets:)``).
public struct RaceReport: Sendable {
    /// One algorithm at its best learning rate.
    public struct Entry: Sendable {
        /// The algorithm's text form (`sync`, `ringmaster:32`, …).
        public var algorithm: String
        /// The learning rate chosen: the one whose run reached the highest target first.
        public var learningRate: Double
        /// Learning rates tried.
        public var learningRatesTried: [Double]
        /// (simulated time, test accuracy) after every epoch, epoch 0 at time 0.
        public var curve: [(time: Double, accuracy: Double)]
        /// Simulated time of the first epoch whose test accuracy reached each target (nil: never).
        public var timeToTarget: [Double?]
        /// Gradients started, over the run.
        public var computed: Int
        /// Gradients dropped, over the run.
        public var discarded: Int
        /// Mean staleness of the applied gradients, over the run.
        public var meanStaleness: Double
        /// Workers' idle share over the run (epochs weighted by their simulated length).
        public var idleFraction: Double
        /// Final test accuracy.
        public var finalAccuracy: Double
    }

    /// The cluster and run, in words (workers, time model, batch, epochs, …).
    public var cluster: String
    /// The cluster in short: `N = 32, σ = 0.5`.
    public var caseName: String
    /// Test-accuracy targets, ascending (e.g. 0.97, 0.98, 0.99).
    public var targets: [Double]
    /// One entry per algorithm, in the order of first appearance in the store.
    public var entries: [Entry]

    /// Groups the store's finished emulated runs with a clock by cluster (everything but the
    /// algorithm and learning rate) and builds one race per cluster.
    public static func build(runs: [RunRecord], epochs: [EpochRecord], targets: [Double]) -> [RaceReport] {
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let byRun = Dictionary(grouping: epochs, by: \.runHash)
        var clusters: [String: (description: String, caseName: String,
                                runs: [(Algorithm, TrainingConfiguration, [EpochRecord])])] = [:]
        var order: [String] = []
        for run in runs where run.status != .failed {
            guard let configuration = try? decoder.decode(TrainingConfiguration.self, from: Data(run.configuration.utf8)),
                  case let .emulated(emulation) = configuration.delay,
                  let rows = byRun[run.hash]?.sorted(by: { $0.epoch < $1.epoch }), rows.allSatisfy({ $0.simulatedTime != nil })
            else { continue }
            var key = configuration
            var keyEmulation = emulation
            keyEmulation.algorithm = nil
            key.delay = .emulated(keyEmulation)
            key.learningRate = 0
            let keyText = String(decoding: (try? encoder.encode(key)) ?? Data(), as: UTF8.self)
            if clusters[keyText] == nil {
                order.append(keyText)
                var caseName = "N = \(emulation.workers)"
                if case let .simulated(model, _, _) = emulation.order { caseName += ", σ = \(model.standardDeviation)" }
                clusters[keyText] = (describe(configuration, emulation), caseName, [])
            }
            clusters[keyText]!.runs.append((emulation.resolvedAlgorithm, configuration, rows))
        }
        return order.map { key in
            let cluster = clusters[key]!
            var algorithms: [String] = []
            for (algorithm, _, _) in cluster.runs where !algorithms.contains(algorithm.description) {
                algorithms.append(algorithm.description)
            }
            let entries = algorithms.map { name in
                let candidates = cluster.runs.filter { $0.0.description == name }
                    .map { entry(algorithm: name, learningRate: $0.1.learningRate, rows: $0.2, targets: targets) }
                var best = candidates.dropFirst().reduce(candidates[0]) { better($1, than: $0) ? $1 : $0 }
                best.learningRatesTried = candidates.map(\.learningRate).sorted()
                return best
            }
            return RaceReport(cluster: cluster.description, caseName: cluster.caseName, targets: targets, entries: entries)
        }
    }

    /// Whether `a` beats `b`: the higher target reached, then the earlier time to it, then the final accuracy.
    static func better(_ a: Entry, than b: Entry) -> Bool {
        for index in a.timeToTarget.indices.reversed() {
            switch (a.timeToTarget[index], b.timeToTarget[index]) {
            case let (x?, y?): if x != y { return x < y }
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): continue
            }
        }
        return a.finalAccuracy > b.finalAccuracy
    }

    private static func entry(algorithm: String, learningRate: Double, rows: [EpochRecord], targets: [Double]) -> Entry {
        let curve = rows.map { (time: $0.simulatedTime ?? 0, accuracy: $0.testAccuracy) }
        let applied = rows.reduce(0) { $0 + ($1.gradientsApplied ?? 0) }
        let stalenessSum = rows.reduce(0.0) { $0 + ($1.meanStaleness ?? 0) * Double($1.gradientsApplied ?? 0) }
        var idleTime = 0.0, span = 0.0, previous = 0.0
        for row in rows {
            let time = row.simulatedTime ?? previous
            idleTime += (row.idleFraction ?? 0) * (time - previous)
            span += time - previous
            previous = time
        }
        return Entry(
            algorithm: algorithm, learningRate: learningRate, learningRatesTried: [learningRate], curve: curve,
            timeToTarget: targets.map { target in curve.first { $0.accuracy >= target }?.time },
            computed: rows.reduce(0) { $0 + ($1.gradientsComputed ?? 0) },
            discarded: rows.reduce(0) { $0 + ($1.gradientsDiscarded ?? 0) },
            meanStaleness: applied > 0 ? stalenessSum / Double(applied) : 0,
            idleFraction: span > 0 ? idleTime / span : 0, finalAccuracy: curve.last?.accuracy ?? 0)
    }

    private static func describe(_ c: TrainingConfiguration, _ e: WorkerEmulation) -> String {
        var parts = ["N=\(e.workers)"]
        if case let .simulated(model, heterogeneity, seed) = e.order {
            parts.append("\(model.name) σ=\(model.standardDeviation)")
            if let base = heterogeneity.baseTimes { parts.append("base \(base)") }
            if heterogeneity.stragglerProbability > 0 {
                parts.append("stragglers p=\(heterogeneity.stragglerProbability)×\(heterogeneity.stragglerFactor)")
            }
            if heterogeneity.slowFraction > 0 {
                parts.append("slow \(heterogeneity.slowFraction)×\(heterogeneity.slowFactor)")
            }
            parts.append("seed \(seed)")
        }
        if let c = e.communicationTime { parts.append("comm \(c)") }
        parts += ["\(c.optimizer.kind.rawValue)", "b=\(c.batchSize)", "\(c.epochs) epochs"]
        if let t = c.trainSubset { parts.append("train \(t)") }
        if let t = c.testSubset { parts.append("test \(t)") }
        return parts.joined(separator: ", ")
    }

    /// The fastest algorithm to each target and its speed-up over `sync` (nil when nobody reached
    /// it, or `sync` did not, or `sync` was not raced).
    public func winner(target index: Int) -> (algorithm: String, time: Double, speedUp: Double?)? {
        let reached = entries.compactMap { e in e.timeToTarget[index].map { (e.algorithm, $0) } }
        guard let best = reached.min(by: { $0.1 < $1.1 }) else { return nil }
        let sync = entries.first { $0.algorithm == "sync" }?.timeToTarget[index]
        return (best.0, best.1, sync.map { $0 / best.1 })
    }

    /// How many times faster than `sync` the first algorithm to target `index` got there: exact when
    /// `sync` reached the target; a lower bound (`isLowerBound`) when `sync` never did, since its
    /// time to the target then exceeds the simulated time its whole run took. nil when nobody reached
    /// the target, `sync` was not raced, or `sync` itself won.
    public func speedUpOverSync(target index: Int) -> (factor: Double, isLowerBound: Bool)? {
        guard let w = winner(target: index), w.algorithm != "sync",
              let sync = entries.first(where: { $0.algorithm == "sync" }) else { return nil }
        if let speedUp = w.speedUp { return (speedUp, false) }
        guard let end = sync.curve.last?.time, end > 0 else { return nil }
        return (end / w.time, true)
    }

    /// The speed-up over `sync` at target `index` in words: `2.50×`, `> 1.80×` or `—`.
    public func speedUpText(target index: Int) -> String {
        guard let (factor, bound) = speedUpOverSync(target: index) else { return "—" }
        return (bound ? "> " : "") + String(format: "%.2f×", factor)
    }

    /// The table as Markdown: one row per algorithm, then the winner per target.
    public var markdown: String {
        func percent(_ x: Double) -> String { String(format: "%g%%", 100 * x) }
        var lines = ["Cluster: \(cluster).", ""]
        let header = ["algorithm", "best lr (tried)"] + targets.map { "time to \(percent($0))" }
            + ["final acc", "computed", "discarded", "mean staleness", "idle"]
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
        for e in entries {
            let tried = e.learningRatesTried.map { "\($0)" }.joined(separator: ", ")
            var row = ["`\(e.algorithm)`", "\(e.learningRate) (\(tried))"]
            row += e.timeToTarget.map { $0.map { String(format: "%.0f", $0) } ?? "—" }
            row += [String(format: "%.2f%%", 100 * e.finalAccuracy), "\(e.computed)", "\(e.discarded)",
                    String(format: "%.2f", e.meanStaleness), String(format: "%.1f%%", 100 * e.idleFraction)]
            lines.append("| " + row.joined(separator: " | ") + " |")
        }
        lines.append("")
        for index in targets.indices {
            guard let w = winner(target: index) else {
                lines.append("- \(percent(targets[index])): no algorithm reached it.")
                continue
            }
            var speedUp = ""
            if let (factor, bound) = speedUpOverSync(target: index) {
                speedUp = bound
                    ? String(format: "; `sync` did not reach it in its whole run (simulated time %.0f): > %.2f× faster",
                             entries.first { $0.algorithm == "sync" }?.curve.last?.time ?? 0, factor)
                    : String(format: "; %.2f× faster than `sync`", factor)
            } else if w.algorithm != "sync" {
                speedUp = "; `sync` was not raced"
            }
            lines.append("- \(percent(targets[index])): `\(w.algorithm)` first, at simulated time \(String(format: "%.0f", w.time))\(speedUp).")
        }
        return lines.joined(separator: "\n")
    }

    /// The table as CSV, one row per algorithm.
    public var csv: String {
        var table = CSVTable(header: ["cluster", "algorithm", "learning_rate"]
            + targets.map { "time_to_\($0)" } + ["final_accuracy", "computed", "discarded", "mean_staleness", "idle_fraction"])
        for e in entries {
            table.append([cluster, e.algorithm, "\(e.learningRate)"] + e.timeToTarget.map { $0.map { "\($0)" } ?? "" }
                + ["\(e.finalAccuracy)", "\(e.computed)", "\(e.discarded)", "\(e.meanStaleness)", "\(e.idleFraction)"])
        }
        return table.text
    }

    /// Several races' CSV tables as one (one header).
    public static func csv(_ reports: [RaceReport]) -> String {
        reports.enumerated().map { $0.offset == 0 ? $0.element.csv : String($0.element.csv.drop { $0 != "\n" }.dropFirst()) }
            .joined()
    }

    /// Test accuracy against simulated time, one line per algorithm at its best learning rate.
    public func figure() -> SVGDocument {
        let series: [any ChartSeries] = entries.enumerated().map { index, e in
            LineSeries(name: "\(e.algorithm) (lr \(e.learningRate))", points: e.curve.map { (x: $0.time, y: 100 * $0.accuracy) },
                       color: Palette.color(index))
        }
        return XYChart(title: "Test accuracy against simulated time", subtitle: cluster,
                       xTitle: "simulated time (mean compute times of one gradient)", yTitle: "test accuracy (%)",
                       series: series, legendCorner: .bottomRight).document()
    }
}
