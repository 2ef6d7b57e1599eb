import ArgumentParser
import Foundation
import Training

extension Staleness.DataCommand {
    /// `staleness data info`: where a dataset is looked for, where it was found, and what it holds.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show where a dataset is looked for, which files were found, and their sizes."
        )

        @OptionGroup var data: DataOptions

        func run() throws {
            let locator = data.locator
            print("\(data.dataset.displayName): places searched, in order")
            if locator.dataOption == nil {
                print("  --data: not given")
                print("  STALENESS_DATA: " + (locator.environmentDirectory == nil ? "not set" : "set"))
            } else {
                print("  --data given: other places are not searched")
            }
            for (index, candidate) in locator.candidates(for: data.dataset).enumerated() {
                print("  \(index + 1). \(candidate.source.rawValue) \(candidate.directory.path): "
                      + Self.describe(candidate.inspect()))
            }
            let location = try locator.locate(data.dataset)
            print("Using \(location.directory.path) (from \(location.source.rawValue))")
            for split in DatasetSplit.allCases {
                let files = location.files(for: split)
                let images = try IDXImages(contentsOf: files.images)
                let labels = try IDXLabels(contentsOf: files.labels)
                let dataset = try Dataset(images: images, labels: labels, dataset: data.dataset, pipeline: data.input)
                print("  \(split.rawValue): \(files.images.lastPathComponent) \(images.count) images of "
                      + "\(images.rows)×\(images.columns), \(files.labels.lastPathComponent) \(labels.count) labels")
                print("    after the \(data.input.rawValue) pipeline: " + Self.summarize(dataset.images))
            }
        }

        /// Range and mean of the preprocessed values, to check the pipeline at a glance.
        private static func summarize(_ values: [Float]) -> String {
            guard !values.isEmpty else { return "no values" }
            var low = Float.infinity, high = -Float.infinity, sum = 0.0
            values.withUnsafeBufferPointer { values in
                for value in values {
                    low = min(low, value)
                    high = max(high, value)
                    sum += Double(value)
                }
            }
            func format(_ value: Double) -> String { String(format: "%.4f", value) }
            return "32×32 values in [\(format(Double(low))), \(format(Double(high)))], "
                + "mean \(format(sum / Double(values.count)))"
        }

        private static func describe(_ contents: DatasetCandidate.Contents) -> String {
            switch contents {
            case .noDirectory: "no such directory"
            case let .incomplete(missing): "missing " + missing.map { $0 + "[.gz]" }.joined(separator: ", ")
            case let .complete(location):
                "complete (" + DatasetSplit.allCases.flatMap { split in
                    let files = location.files(for: split)
                    return [files.images.lastPathComponent, files.labels.lastPathComponent]
                }.joined(separator: ", ") + ")"
            }
        }
    }
}
