import Foundation
import Testing

/// Runtime and output size follow the work, not a histogram's span.
@Suite struct LargeSpanCommandTests {
    private func size(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? -1
    }

    /// Two values 10⁷ apart took minutes and wrote hundreds of megabytes when every integer of the
    /// span was a row, a point of the fits and a term of the tests.
    @Test func twoDistantValuesFitQuicklyIntoSmallFiles() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(Array("0,1\n10000000,1\n".utf8), to: "two.csv")
        let result = try CommandRunner.run(["fit", "two.csv", "--out", "out"], in: sandbox.root,
                                           environment: sandbox.environment(), timeLimit: 30)
        #expect(!result.signaled && result.status == 0, "\(result.status) \(result.stderr)")
        #expect(result.stdout.contains("binned: the values span 10000001 > 10000"))
        for name in ["fit-two.json", "fit-two-histogram.csv", "fit-two.svg", "fit-two-families.svg"] {
            let bytes = size(sandbox.url("out/" + name))
            #expect(bytes > 0 && bytes < 1_000_000, "\(name): \(bytes) bytes")
        }
        let csv = try String(contentsOf: sandbox.url("out/fit-two-histogram.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "staleness_low,staleness_high,count,frequency,normal_probability,least_squares_frequency")
        #expect(lines.count <= 10_001)
        #expect(lines[1].hasPrefix("0,1000,1,0.5,"))
        // The distribution file loads again (as compare reads it) with both values' bins.
        let compare = try CommandRunner.run(["compare", "out/fit-two.json", "two.csv", "--out", "cmp"], in: sandbox.root,
                                            environment: sandbox.environment(), timeLimit: 30)
        #expect(!compare.signaled && compare.status == 0, "\(compare.status) \(compare.stderr)")
        // Both extremes survive the binned file; the figure draws bins, not 10⁷ points.
        let sources = try String(contentsOf: sandbox.url("cmp/compare-sources.csv"), encoding: .utf8)
        #expect(sources.contains("distribution file (fitted to two.csv),2,5000000,5000000,0,10000000,"), "\(sources)")
        let figure = size(sandbox.url("cmp/compare.svg"))
        #expect(figure > 0 && figure < 1_000_000, "compare.svg: \(figure) bytes")

        // Values past 10⁷ (a simulation of 10⁷ workers reaches 2·10⁷) load, within the memory budget.
        let json = try String(contentsOf: sandbox.url("out/fit-two.json"), encoding: .utf8)
        #expect(json.contains(#""9999990" : 1"#))
        try sandbox.write(Array(json.replacingOccurrences(of: #""9999990" : 1"#, with: #""19999990" : 1"#).utf8),
                          to: "far.json")
        let far = try CommandRunner.run(["compare", "far.json", "two.csv", "--out", "cmp"], in: sandbox.root,
                                        environment: sandbox.environment(), timeLimit: 30)
        #expect(!far.signaled && far.status == 0, "\(far.status) \(far.stderr)")
        let refused = try CommandRunner.run(["compare", "far.json", "two.csv", "--out", "cmp"], in: sandbox.root,
                                            environment: sandbox.environment(["STALENESS_MAX_MEMORY": "100M"]), timeLimit: 30)
        #expect(refused.status == 1 && refused.stderr.contains("the histogram of far.json (values up to 19999990) needs about"),
                "\(refused.stderr)")
    }

    /// On request, every observed value is kept (sparse: zero counts are not rows).
    @Test func exactHistogramKeepsEveryObservedValue() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(Array("0,1\n5,2\n10000000,1\n".utf8), to: "three.csv")
        let result = try CommandRunner.run(["fit", "three.csv", "--out", "out", "--exact-histogram"], in: sandbox.root,
                                           environment: sandbox.environment(), timeLimit: 30)
        #expect(!result.signaled && result.status == 0, "\(result.status) \(result.stderr)")
        let csv = try String(contentsOf: sandbox.url("out/fit-three-histogram.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
        #expect(rows == ["staleness,count", "0,1", "5,2", "10000000,1"])
        let json = try String(contentsOf: sandbox.url("out/fit-three.json"), encoding: .utf8)
        #expect(json.contains(#""10000000" : 1"#) && !json.contains("histogramBinWidth"))
    }
}
