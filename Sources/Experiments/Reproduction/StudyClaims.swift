import Foundation
import Training

/// The study's claims checked against a store snapshot. Every number comes from the snapshot; the
/// thresholds that decide each verdict are stated in the report next to it.
public enum StudyClaims {
    /// The study's Adam accuracies at delays 32, 128 and 256 (percent).
    public static let publishedAdam: [Int: Double] = [32: 98.21, 128: 98.19, 256: 97.94]
    /// A staleness mean within this fraction of N − 1 counts as "centred near N − 1".
    public static let meanTolerance = 0.10
    /// A Kolmogorov–Smirnov distance at most this counts as "approximately normal".
    public static let normalKS = 0.05
    /// A drop of at least this many accuracy points counts as "sharp".
    public static let sharpDrop = 20.0
    /// Batch-size degradation (claim 2) counts when the mean accuracy falls by at least this many points.
    public static let batchDrop = 10.0
    /// "Matches the synchronous baseline" means within this many points.
    public static let matchTolerance = 1.0
    /// "Cannot cope" means at least this many points below the synchronous baseline.
    public static let failureGap = 2.0
    /// Warm-up "helps early" when its early-epoch accuracy is at least this many points higher, and
    /// "only early" when its final accuracy is less than this many points higher.
    public static let warmupMargin = 0.5

    /// Claim 1: staleness of N workers is approximately normal, centred near N − 1.
    public static func staleness(_ scan: [StalenessScanRecord]) -> ClaimResult {
        var lines = ["| N | σ | mean | N − 1 | sd | LS-fit mean | KS distance |", "|---|---|---|---|---|---|---|"]
        var centred: [Bool] = [], normal: [Bool] = []
        for row in scan.sorted(by: { ($0.sigma, $0.workers) < ($1.sigma, $1.workers) }) {
            lines.append(String(format: "| %d | %.2f | %.2f | %d | %.2f | %@ | %.4f |", row.workers, row.sigma, row.mean,
                                row.workers - 1, row.standardDeviation,
                                row.fitMean.map { String(format: "%.2f", $0) } ?? "—", row.kolmogorovSmirnov))
            guard row.workers >= 4 else { continue }
            centred.append(abs(row.mean - Double(row.workers - 1)) <= meanTolerance * Double(row.workers - 1))
            normal.append(row.kolmogorovSmirnov <= normalKS)
        }
        lines.append("")
        lines.append("Criteria (N ≥ 4): mean within \(Int(meanTolerance * 100))% of N − 1 for \(centred.count { $0 })/\(centred.count) "
                     + "worker counts; KS distance ≤ \(normalKS) for \(normal.count { $0 })/\(normal.count).")
        return ClaimResult(
            title: "Staleness is approximately normal, centred near N − 1",
            published: "The staleness of N workers follows a normal distribution centred near N − 1.",
            measured: scan.isEmpty ? ["No staleness scan in the store."] : lines,
            verdict: scan.isEmpty ? .notMeasured
                : .combining([centred.isEmpty ? nil : centred.allSatisfy { $0 }, normal.isEmpty ? nil : normal.allSatisfy { $0 }]))
    }

    /// Claim 2: under delay the best accuracy comes at low learning rate (≈ 10⁻³) and small batch
    /// (64, 128); batch > 256 with lr ≥ 10^-2.5 degrades sharply.
    public static func bestSettings(_ cells: [AccuracyCell]) -> ClaimResult {
        let delayed = cells.filter { $0.delay > 0 }
        var lines = ["| optimizer | delay | best lr | best batch | accuracy | low lr & small batch? |", "|---|---|---|---|---|---|"]
        var hits = 0, total = 0
        let groups = Dictionary(grouping: delayed) { "\($0.optimizer)|\($0.delay)" }
        for key in groups.keys.sorted(by: { a, b in
            let x = a.split(separator: "|"), y = b.split(separator: "|")
            return (String(x[0]), Int(x[1]) ?? 0) < (String(y[0]), Int(y[1]) ?? 0)
        }) {
            guard let best = groups[key]!.max(by: { $0.accuracy < $1.accuracy }) else { continue }
            let hit = abs(log10(best.learningRate) + 3) <= 0.5 && [64, 128].contains(best.batchSize)
            hits += hit ? 1 : 0
            total += 1
            lines.append("| \(best.optimizer) | \(best.delay) | \(ReportFormat.learningRate(best.learningRate)) | "
                         + "\(best.batchSize) | \(best.seeds.percentText) | \(hit ? "yes" : "no") |")
        }
        let threshold = pow(10, -2.5) * (1 - 1e-9)
        let large = delayed.filter { $0.batchSize > 256 && $0.learningRate >= threshold }
        let small = delayed.filter { $0.batchSize <= 128 && $0.learningRate >= threshold }
        var degrades: Bool?
        lines.append("")
        if !large.isEmpty, !small.isEmpty {
            let meanLarge = large.map(\.accuracy).reduce(0, +) / Double(large.count)
            let meanSmall = small.map(\.accuracy).reduce(0, +) / Double(small.count)
            degrades = meanSmall - meanLarge >= batchDrop
            lines.append(String(format: "Under delay with lr ≥ 10^-2.5: batch > 256 averages %.2f%% (%d cells), batch ≤ 128 "
                                + "averages %.2f%% (%d cells): a drop of %.1f points (sharp means ≥ %.0f).",
                                meanLarge, large.count, meanSmall, small.count, meanSmall - meanLarge, batchDrop))
        } else {
            lines.append("No delayed runs with both batch > 256 and batch ≤ 128 at lr ≥ 10^-2.5: the batch part is not measured.")
        }
        let bestHolds: Bool? = total == 0 ? nil : Double(hits) >= 0.5 * Double(total)
        lines.append("Best setting at lr within 10^±0.5 of 10^-3 and batch 64 or 128 for \(hits)/\(total) (optimizer, delay) pairs "
                     + "(the claim holds for at least half).")
        return ClaimResult(
            title: "Best accuracy at low learning rate and small batch; large batch with lr ≥ 10^-2.5 degrades sharply",
            published: "Under delay, the best accuracy comes at lr ≈ 10^-3 with batch 64 or 128; batch sizes above 256 "
                + "with lr ≥ 10^-2.5 degrade sharply.",
            measured: lines, verdict: .combining([bestHolds, degrades]))
    }

    /// Claim 3: accuracy rises smoothly with the learning rate, then drops sharply, earlier for
    /// larger delays.
    public static func learningRateCurves(_ cells: [AccuracyCell]) -> ClaimResult {
        struct Curve { var optimizer: String, batch: Int, delay: Int, points: [AccuracyCell] }
        let groups = Dictionary(grouping: cells) { "\($0.optimizer)|\($0.batchSize)|\($0.delay)" }
        let curves = groups.values.map { members in
            Curve(optimizer: members[0].optimizer, batch: members[0].batchSize, delay: members[0].delay,
                  points: members.sorted { $0.learningRate < $1.learningRate })
        }.filter { $0.points.count >= 3 }
        var shaped = 0
        var collapse: [String: [(delay: Int, lr: Double)]] = [:]
        for curve in curves {
            let accuracies = curve.points.map(\.accuracy)
            let peak = accuracies.indices.max { accuracies[$0] < accuracies[$1] }!
            let rises = (0..<peak).allSatisfy { accuracies[$0 + 1] >= accuracies[$0] - 1 }
            let drop = (peak + 1..<accuracies.count).first { accuracies[$0] <= accuracies[peak] - sharpDrop }
            if rises, drop != nil { shaped += 1 }
            let collapseRate = drop.map { curve.points[$0].learningRate } ?? .infinity
            collapse["\(curve.optimizer), batch \(curve.batch)", default: []].append((curve.delay, collapseRate))
        }
        var ordered = 0, pairs = 0
        var lines = ["| optimizer, batch | lr where accuracy first falls ≥ \(Int(sharpDrop)) points below the peak, by delay |",
                     "|---|---|"]
        for key in collapse.keys.sorted() {
            let list = collapse[key]!.sorted { $0.delay < $1.delay }
            lines.append("| \(key) | " + list.map { "\($0.delay == 0 ? "sync" : "d\($0.delay)"): "
                + ($0.lr.isFinite ? ReportFormat.learningRate($0.lr) : "none") }.joined(separator: ", ") + " |")
            for (a, b) in zip(list, list.dropFirst()) where a.lr.isFinite || b.lr.isFinite {
                pairs += 1
                if b.lr <= a.lr { ordered += 1 }
            }
        }
        lines.append("")
        lines.append("\(shaped)/\(curves.count) accuracy-vs-lr curves rise (within 1 point) up to their peak and then fall "
                     + "≥ \(Int(sharpDrop)) points; in \(ordered)/\(pairs) pairs of neighbouring delays the larger delay "
                     + "collapses at the same or a lower learning rate (the claim needs half the curves and 70% of pairs).")
        return ClaimResult(
            title: "Accuracy rises smoothly with the learning rate, then drops sharply — earlier for larger delays",
            published: "Accuracy improves smoothly as the learning rate grows, then collapses; the collapse comes at "
                + "smaller learning rates as the delay grows.",
            measured: curves.isEmpty ? ["No accuracy-vs-lr curves with at least 3 learning rates."] : lines,
            verdict: curves.isEmpty ? .notMeasured
                : .combining([Double(shaped) >= 0.5 * Double(curves.count), pairs == 0 ? nil : Double(ordered) >= 0.7 * Double(pairs)]))
    }

    /// Claim 4: SGD cannot cope past delay ≈ 32, while Adam with tuned lr and batch matches the
    /// synchronous baseline up to delay 256.
    public static func optimizers(_ cells: [AccuracyCell]) -> ClaimResult {
        func best(_ optimizer: String, _ delay: Int) -> AccuracyCell? {
            cells.filter { $0.optimizer == optimizer && $0.delay == delay }.max { $0.accuracy < $1.accuracy }
        }
        let delays = Set(cells.map(\.delay)).sorted()
        /// "accuracy (lr, batch)" of a best cell, so that a best found outside the study's grid shows.
        func describe(_ cell: AccuracyCell?) -> String {
            guard let cell else { return ReportFormat.percent(nil) }
            return "\(cell.seeds.percentText) (lr \(ReportFormat.learningRate(cell.learningRate)), batch \(cell.batchSize))"
        }
        var lines = ["| delay | SGD best | Adam best | Adam (study) |", "|---|---|---|---|"]
        for delay in delays {
            lines.append("| \(delay == 0 ? "0 (sync)" : "\(delay)") | \(describe(best("sgd", delay))) | "
                         + "\(describe(best("adam", delay))) | "
                         + "\(publishedAdam[delay].map { String(format: "%.2f%%", $0) } ?? "") |")
        }
        var sgdFails: Bool?
        if let sync = best("sgd", 0)?.accuracy {
            let far = delays.filter { $0 > 32 }.compactMap { best("sgd", $0)?.accuracy }
            if !far.isEmpty { sgdFails = far.allSatisfy { $0 <= sync - failureGap } }
        }
        var adamMatches: Bool?
        if let sync = best("adam", 0)?.accuracy {
            let checked = [32, 128, 256].compactMap { best("adam", $0)?.accuracy }
            if !checked.isEmpty { adamMatches = checked.allSatisfy { $0 >= sync - matchTolerance } }
        }
        lines.append("")
        lines.append("Criteria: SGD's best at every delay > 32 at least \(failureGap) points below its synchronous best "
                     + "(\(sgdFails.map { $0 ? "holds" : "fails" } ?? "not measured")); Adam's best at delays 32, 128, 256 within "
                     + "\(matchTolerance) point of its synchronous best (\(adamMatches.map { $0 ? "holds" : "fails" } ?? "not measured")).")
        return ClaimResult(
            title: "SGD cannot cope past delay ≈ 32; tuned Adam matches the synchronous baseline up to delay 256",
            published: "SGD fails beyond a delay of about 32; Adam with tuned lr and batch reaches 98.21%, 98.19% and "
                + "97.94% at delays 32, 128 and 256, matching synchronous training.",
            measured: lines, verdict: .combining([sgdFails, adamMatches]))
    }

    /// Claim 5: warm-up helps only early, for the gradual and the study's ("paper") warm-up. Each
    /// warm-up run is paired with the constant-lr run of the same seed; a cell's gains are averaged
    /// over its seeds, and the verdict is taken on those means.
    public static func warmup(_ runs: [AnalyzedRun]) -> ClaimResult {
        func key(_ c: TrainingConfiguration) -> String {
            var base = c
            base.schedule = .constant
            return ConfigurationHash.of(base)
        }
        let baselines = Dictionary(runs.filter { $0.configuration.schedule == .constant && $0.configuration.remedies == Remedies() }
            .map { (key($0.configuration), $0) }, uniquingKeysWith: { a, _ in a })
        struct Cell: Hashable { var variant: String, epochs: Int, optimizer: String, lr: Double, batch: Int, delay: String, delayMean: Double }
        struct Pair { var early: Double, final: Double, baseFinal: Double }
        var cells: [Cell: [(seed: UInt64, pair: Pair)]] = [:]
        for run in runs where run.configuration.remedies == Remedies() {
            let variant: String, warmupEpochs: Int
            switch run.configuration.schedule {
            case let .gradual(e): (variant, warmupEpochs) = ("gradual", e)
            case let .paper(e): (variant, warmupEpochs) = ("paper", e)
            default: continue
            }
            guard let base = baselines[key(run.configuration)], run.testAccuracy.count > 1,
                  base.testAccuracy.count == run.testAccuracy.count else { continue }
            let early = (1...min(warmupEpochs, run.testAccuracy.count - 1)).map {
                100 * (run.testAccuracy[$0] - base.testAccuracy[$0])
            }
            let pair = Pair(early: early.reduce(0, +) / Double(early.count),
                            final: 100 * ((run.testAccuracy.last ?? 0) - (base.testAccuracy.last ?? 0)),
                            baseFinal: 100 * (base.testAccuracy.last ?? 0))
            let cell = Cell(variant: variant, epochs: warmupEpochs, optimizer: run.optimizer, lr: run.learningRate,
                            batch: run.batchSize, delay: run.record.delay, delayMean: run.delayMean)
            cells[cell, default: []].append((run.configuration.seed, pair))
        }
        var lines = ["| variant | optimizer | lr | batch | delay | early gain (points) | final gain (points) | constant lr final | seeds supporting |",
                     "|---|---|---|---|---|---|---|---|---|"]
        var parts: [Bool?] = []
        for variant in ["gradual", "paper"] {
            var helps = 0, total = 0
            let rows = cells.filter { $0.key.variant == variant }.sorted {
                ($0.key.optimizer, $0.key.delayMean, $0.key.lr, $0.key.batch) < ($1.key.optimizer, $1.key.delayMean, $1.key.lr, $1.key.batch)
            }
            for (cell, members) in rows {
                let pairs = members.sorted { $0.seed < $1.seed }.map(\.pair)
                let early = SeedSummary(pairs.map(\.early)), final = SeedSummary(pairs.map(\.final))
                func supports(_ early: Double, _ final: Double) -> Bool { early >= warmupMargin && final < warmupMargin }
                total += 1
                if supports(early.mean, final.mean) { helps += 1 }
                let seedsSupporting = pairs.count { supports($0.early, $0.final) }
                lines.append("| \(cell.variant) (\(cell.epochs) epochs) | \(cell.optimizer) | \(ReportFormat.learningRate(cell.lr)) | "
                             + "\(cell.batch) | \(cell.delay) | \(early.pointsText) | \(final.pointsText) | "
                             + "\(SeedSummary(pairs.map(\.baseFinal)).percentText) | \(seedsSupporting) of \(pairs.count) |")
            }
            parts.append(total == 0 ? nil : Double(helps) >= 0.5 * Double(total))
        }
        lines.append("")
        lines.append("Gains are warm-up minus constant lr, same seed, averaged over the seeds present (± the 95% t half-width, "
                     + "with the per-seed range). A cell supports the claim when its mean accuracy over the warm-up epochs is "
                     + "≥ \(warmupMargin) points higher than the constant-lr run's and its mean final accuracy is < "
                     + "\(warmupMargin) points higher; each variant holds when half its cells do. Where the constant-lr run "
                     + "ends near chance (≈ 10%), an equal final accuracy means both collapsed, not that warm-up was harmless.")
        return ClaimResult(
            title: "Warm-up helps only early (both warm-up variants)",
            published: "A learning-rate warm-up improves the first epochs under delay but not the final accuracy.",
            measured: lines, verdict: .combining(parts))
    }
}
