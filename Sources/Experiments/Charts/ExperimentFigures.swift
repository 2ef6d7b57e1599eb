import Figures
import Foundation

/// The study's figures, drawn from a store snapshot (pure functions: same snapshot, same SVG).
///
/// 1. `staleness.svg`: staleness histogram of N workers with the fitted normal, and mean/sd vs N.
/// 2. `accuracy-vs-lr-<optimizer>.svg`: final test accuracy vs learning rate, one line per delay,
///    one panel per batch size.
/// 3. `accuracy-vs-epoch.svg`: test accuracy vs epoch at delays 32, 128, 256 beside the
///    synchronous run, SGD and Adam, each at its best learning rate and batch.
/// Where a point has several seeds, figures 2 and 3 draw the seed mean with its 95% t interval as a band.
/// 4. `heatmap-<optimizer>.svg`: final accuracy over learning rate × delay, one map per batch.
public enum ExperimentFigures {
    /// The delays figure 3 shows beside the synchronous run.
    public static let epochFigureDelays = [32, 128, 256]

    /// Every figure the snapshot has data for, as (file name, document).
    public static func all(_ snapshot: StoreSnapshot) -> [(name: String, document: SVGDocument)] {
        var figures: [(String, SVGDocument)] = []
        if let staleness = staleness(snapshot.stalenessScan) { figures.append(("staleness.svg", staleness)) }
        let runs = AnalyzedRun.all(snapshot)
        let cells = AccuracyCell.cells(runs)
        for optimizer in Set(cells.map(\.optimizer)).sorted() {
            figures.append(("accuracy-vs-lr-\(optimizer).svg", accuracyVersusLearningRate(cells, optimizer: optimizer)))
            figures.append(("heatmap-\(optimizer).svg", heatmaps(cells, optimizer: optimizer)))
        }
        if let epochs = accuracyVersusEpoch(runs) { figures.append(("accuracy-vs-epoch.svg", epochs)) }
        return figures
    }

    /// Figure 1: the histogram of the scan's row nearest N = 32 (frequency bars, fitted normal
    /// density) beside mean and standard deviation of the staleness against N (with N − 1).
    public static func staleness(_ scan: [StalenessScanRecord]) -> SVGDocument? {
        guard let shown = scan.min(by: { abs($0.workers - 32) < abs($1.workers - 32) }) else { return nil }
        let counts = shown.counts, total = Double(max(counts.reduce(0, +), 1))
        let bins = counts.indices.filter { counts[$0] > 0 }
        guard let low = bins.first, let high = bins.last else { return nil }
        let bars = BarSeries(name: "simulated (\(Int(total)) gradients)", xs: bins.map(Double.init),
                             heights: bins.map { Double(counts[$0]) / total }, width: 0.9, color: Palette.color(0))
        let mean = shown.mean, sd = shown.standardDeviation
        let grid = (0...300).map { Double(low) - 1 + Double(high - low + 2) * Double($0) / 300 }
        let normal = LineSeries(
            name: String(format: "normal fit μ = %.2f, σ = %.2f", mean, sd),
            points: grid.map { x in (x, exp(-0.5 * pow((x - mean) / max(sd, 1e-9), 2)) / (max(sd, 1e-9) * (2 * Double.pi).squareRoot())) },
            color: Palette.color(1))
        let histogram = XYChart(title: "Staleness of N = \(shown.workers) workers (σ = \(shown.sigma))",
                                xTitle: "staleness (updates between read and write)", yTitle: "fraction of gradients",
                                series: [bars, normal], xRange: (Double(low) - 1, Double(high) + 1))
        let rows = scan.filter { $0.sigma == shown.sigma }.sorted { $0.workers < $1.workers }
        let moments = XYChart(
            title: "Mean and spread of the staleness vs N",
            xTitle: "workers N", yTitle: "staleness (updates)",
            series: [
                LineSeries(name: "mean", points: rows.map { (Double($0.workers), $0.mean) }, color: Palette.color(0)),
                LineSeries(name: "standard deviation", points: rows.map { (Double($0.workers), $0.standardDeviation) },
                           color: Palette.color(1)),
                LineSeries(name: "N − 1", points: rows.map { (Double($0.workers), Double($0.workers - 1)) },
                           color: "#777777", lineWidth: 1, dash: "5 4"),
            ], legendCorner: .best)
        return PanelGrid(title: "Figure 1 — staleness of asynchronous workers with compute times ~ N(1, σ²)",
                         panels: [histogram, moments], columns: 2, panelSize: (620, 430)).document
    }

    /// Figure 2 for one optimizer: a panel per batch size, a line per delay over log₁₀ learning rate.
    public static func accuracyVersusLearningRate(_ cells: [AccuracyCell], optimizer: String) -> SVGDocument {
        let mine = cells.filter { $0.optimizer == optimizer }
        let delays = Set(mine.map(\.delay)).sorted()
        let panels = Set(mine.map(\.batchSize)).sorted().map { batch in
            let series: [any ChartSeries] = delays.enumerated().flatMap { k, delay -> [any ChartSeries] in
                let line = mine.filter { $0.batchSize == batch && $0.delay == delay }
                guard !line.isEmpty else { return [] }
                let color = ColorRamp.color(index: k, of: delays.count)
                let mean = LineSeries(name: delay == 0 ? "synchronous" : "delay \(delay)",
                                      points: line.map { (x: log10($0.learningRate), y: $0.accuracy) },
                                      color: color, lineWidth: 1.8)
                return band(line.map { (log10($0.learningRate), $0.seeds) }, color: color).map { [$0, mean] } ?? [mean]
            }
            return XYChart(title: "\(optimizer.uppercased()), batch \(batch)", xTitle: "learning rate (log₁₀)",
                           yTitle: "final test accuracy (%)", series: series, yRange: (0, 100),
                           legendCorner: .best)
        }
        return PanelGrid(title: "Figure 2 — final test accuracy vs learning rate under constant delay (\(optimizer.uppercased()))",
                         panels: panels, columns: min(3, max(panels.count, 1))).document
    }

    /// Figure 3: for SGD and Adam (whichever the store has), the epoch curves at delays 0, 32, 128
    /// and 256, each at the learning rate and batch with the best final accuracy for that delay.
    public static func accuracyVersusEpoch(_ runs: [AnalyzedRun]) -> SVGDocument? {
        let plain = runs.filter(\.isPlainConstantDelay)
        let cells = AccuracyCell.cells(runs)
        var panels: [XYChart] = []
        for optimizer in ["sgd", "adam"] {
            let delays = [0] + epochFigureDelays
            let series: [any ChartSeries] = delays.enumerated().flatMap { k, delay -> [any ChartSeries] in
                // The best cell (learning rate × batch, seeds averaged), then its seeds' curves.
                let candidates = cells.filter { $0.optimizer == optimizer && $0.delay == delay }
                guard let best = candidates.max(by: { $0.accuracy < $1.accuracy }) else { return [] }
                let curves = plain.filter {
                    $0.optimizer == optimizer && $0.constantDelay == delay && $0.learningRate == best.learningRate
                        && $0.batchSize == best.batchSize && !$0.testAccuracy.isEmpty
                }.map(\.testAccuracy)
                let length = curves.map(\.count).min() ?? 0
                guard length > 0 else { return [] }
                let epochs = (0..<length).map { epoch in SeedSummary(curves.map { 100 * $0[epoch] }) }
                let color = ColorRamp.color(index: k, of: delays.count)
                let label = (delay == 0 ? "synchronous" : "delay \(delay)")
                    + " (lr \(ReportFormat.learningRate(best.learningRate)), batch \(best.batchSize)"
                    + (curves.count > 1 ? ", \(curves.count) seeds)" : ")")
                let mean = LineSeries(name: label, points: epochs.enumerated().map { (Double($0.offset), $0.element.mean) },
                                      color: color, lineWidth: 2)
                return band(epochs.enumerated().map { (Double($0.offset), $0.element) }, color: color).map { [$0, mean] } ?? [mean]
            }
            guard !series.isEmpty else { continue }
            panels.append(XYChart(title: "\(optimizer.uppercased()): best run per delay", xTitle: "epoch",
                                  yTitle: "test accuracy (%)", series: series, yRange: (0, 100), legendCorner: .best))
        }
        guard !panels.isEmpty else { return nil }
        return PanelGrid(title: "Figure 3 — test accuracy per epoch, synchronous vs delayed",
                         panels: panels, columns: 2, panelSize: (620, 430)).document
    }

    /// The 95% t band (clamped to 0…100%) around seed means, or nil when no point has two seeds.
    static func band(_ points: [(x: Double, seeds: SeedSummary)], color: String) -> BandSeries? {
        guard points.contains(where: { $0.seeds.count > 1 }) else { return nil }
        return BandSeries(points: points.map { x, seeds in
            let h = seeds.halfWidth95 ?? 0
            return (x, max(0, seeds.mean - h), min(100, seeds.mean + h))
        }, color: color)
    }

    /// Figure 4 for one optimizer: a heatmap per batch size, learning rate across, delay down.
    public static func heatmaps(_ cells: [AccuracyCell], optimizer: String) -> SVGDocument {
        let mine = cells.filter { $0.optimizer == optimizer }
        let rates = Set(mine.map(\.learningRate)).sorted(), delays = Set(mine.map(\.delay)).sorted()
        let maps = Set(mine.map(\.batchSize)).sorted().map { batch in
            let values: [[Double?]] = delays.map { delay in
                rates.map { rate in
                    mine.first { $0.batchSize == batch && $0.delay == delay && $0.learningRate == rate }?.accuracy
                }
            }
            return Heatmap(title: "\(optimizer.uppercased()), batch \(batch): final test accuracy (%)",
                           xTitle: "learning rate", yTitle: "delay (updates)",
                           columnLabels: rates.map(ReportFormat.learningRate),
                           rowLabels: delays.map { $0 == 0 ? "sync" : "\($0)" }, values: values, range: (10, 100),
                           format: { String(format: "%.0f", $0) })
        }
        return HeatmapGrid(title: "Figure 4 — final accuracy over learning rate × delay (\(optimizer.uppercased()))",
                           maps: maps, columns: min(3, max(maps.count, 1))).document
    }
}
