import CZlib
import Foundation
import Testing
@testable import StalenessSimulation

@Suite struct UpdateCountFileTests {
    private let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("counts-\(UUID().uuidString)")

    private func file(_ text: String, name: String = UUID().uuidString + ".csv") throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Writes `text` gzip-compressed with zlib itself.
    private func gzipFile(_ text: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(UUID().uuidString + ".csv.gz").path
        let file = try #require(gzopen(path, "wb"))
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) } == Int32(bytes.count))
        #expect(gzclose(file) == Z_OK)
        return path
    }

    private func counts(_ text: String, column: LogColumn? = nil, layout: LogLayout = .auto) throws -> [Int] {
        try UpdateCountFile.read(path: file(text), column: column, layout: layout).pooled.counts
    }

    @Test func readsNumbersAsToolsWriteThem() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try counts("7\n7.0\n7.000000000000000000e+00\n+7\n0x7p0\n")[7] == 5)
        #expect(try counts("3\n1\n3\n\n2\n") == [0, 1, 1, 2])
        #expect(try counts("3\r\n1\r\n") == [0, 1, 0, 1])
    }

    /// Each spelling read exactly (no rounding through Double): the value it denotes, or nil when
    /// it denotes no non-negative integer.
    @Test(arguments: [
        ("150", 150), ("1.5e1", 15), ("1.25E+2", 125), ("12500e-2", 125), ("0.0", 0), ("-0.0", 0), ("+0e7", 0),
        ("9223372036854775807", Int.max), ("1.5", nil), ("1e-1", nil), ("-3", nil), ("3.0000000001", nil),
    ] as [(String, Int?)])
    func readsEachSpellingExactly(text: String, value: Int?) {
        let bytes = Array(text.utf8)
        let field = LogField(bytes, 0..<bytes.count)
        if let value { #expect(field == .integer(value)) } else {
            guard case .invalid = field else { Issue.record("\(text) read as \(field)"); return }
        }
    }

    /// `numpy.savetxt(f, delays)` writes `%.18e` per line and no header: every line is data.
    @Test func readsTheNumPyLayoutWithoutDroppingTheFirstLine() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "0.000000000000000000e+00\n1.000000000000000000e+00\n1.000000000000000000e+00\n3.000000000000000000e+00\n"
        #expect(try counts(text) == [1, 2, 0, 1])
    }

    @Test func aFirstLineIsAHeaderOnlyWhenAFieldIsNotANumber() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try counts("staleness\n3\n1\n") == [0, 1, 0, 1])
        #expect(try counts("3\n1\n") == [0, 1, 0, 1])
        let nan = try file("nan\n3\n")
        #expect(throws: UpdateCountFileError.invalidField(path: nan, line: 1, column: 1, field: "nan", reason: "is NaN, not a count")) {
            try UpdateCountFile.read(path: nan)
        }
    }

    @Test(arguments: [
        ("1\n2\n-4\n", 3, 1, "-4", "is negative"),
        ("1\n2.5\n", 2, 1, "2.5", "is not integer-valued"),
        ("1\nNaN\n", 2, 1, "NaN", "is NaN, not a count"),
        ("1\n-inf\n", 2, 1, "-inf", "is infinite, not a count"),
        ("w0,w1\n1,2\n3,seven\n", 3, 2, "seven", "is not a number"),
        ("1;2;3\n1;2;1e300\n", 2, 3, "1e300", "exceeds the supported maximum 10000000"),
    ])
    func aBadValueNamesItsLineAndColumn(text: String, line: Int, column: Int, field: String, reason: String) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try file(text)
        #expect(throws: UpdateCountFileError.invalidField(path: path, line: line, column: column, field: field, reason: reason)) {
            try UpdateCountFile.read(path: path)
        }
    }

    @Test func malformedFilesAreNamed() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let ragged = try file("1,2\n\n3\n")
        #expect(throws: UpdateCountFileError.malformed(path: ragged, line: 3, detail: "expected 2 fields like line 1, got 1")) {
            try UpdateCountFile.read(path: ragged)
        }
        let empty = try file("value,count\n")
        #expect(throws: UpdateCountFileError.empty(path: empty)) { try UpdateCountFile.read(path: empty) }
        let missing = directory.appendingPathComponent("missing.csv").path
        #expect(throws: UpdateCountFileError.cannotRead(path: missing, reason: "No such file or directory")) {
            try UpdateCountFile.read(path: missing)
        }
        let overflow = try file("1,\(Int.max)\n2,1\n")
        #expect(throws: UpdateCountFileError.malformed(path: overflow, line: 2, detail: "the total count exceeds \(Int.max)")) {
            try UpdateCountFile.read(path: overflow)
        }
    }

    /// One column per worker, no header, space-separated: each column separately and pooled.
    @Test func readsOneColumnPerWorker() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try UpdateCountFile.read(path: file("3 4 5\n4  4 6\n2 5 7\n"))
        #expect(log.columns.map(\.name) == ["column 1", "column 2", "column 3"])
        #expect(log.columns.map(\.histogram.counts) == [[0, 0, 1, 1, 1], [0, 0, 0, 0, 2, 1], [0, 0, 0, 0, 0, 1, 1, 1]])
        #expect(log.pooled.counts == [0, 0, 1, 1, 3, 2, 1, 1])
        #expect(!log.isHistogram)
    }

    @Test func everyDelimiterReadsTheSameLog() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let expected = try UpdateCountFile.read(path: file("a,b,c\n1,2,3\n4,5,6\n"))
        for text in ["a\tb\tc\n1\t2\t3\n4\t5\t6\n", "a;b;c\n1;2;3\n4;5;6\n", "a b c\n1 2 3\n4   5\t6\n",
                     " a , b , c \n 1 , 2 , 3\n4,5,6\n"] {
            #expect(try UpdateCountFile.read(path: file(text)) == expected)
        }
        #expect(expected.columns.map(\.name) == ["a", "b", "c"])
    }

    @Test func aColumnIsChosenByNameOrByPositionFromOne() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = try file("arrival,worker,staleness\n4,0,3\n5,1,2\n6,2,3\n")
        #expect(try UpdateCountFile.read(path: trace, column: .name("staleness")).pooled.counts == [0, 0, 1, 2])
        #expect(try UpdateCountFile.read(path: trace, column: LogColumn("3")).pooled.counts == [0, 0, 1, 2])
        #expect(try UpdateCountFile.read(path: trace, column: .position(1)).columns.map(\.name) == ["arrival"])
        #expect(throws: UpdateCountFileError.unknownColumn(path: trace, column: .name("delay"),
                                                           available: ["arrival", "worker", "staleness"])) {
            try UpdateCountFile.read(path: trace, column: .name("delay"))
        }
        #expect(throws: UpdateCountFileError.unknownColumn(path: trace, column: .position(4),
                                                           available: ["arrival", "worker", "staleness"])) {
            try UpdateCountFile.read(path: trace, column: .position(4))
        }
        #expect(LogColumn("0") == nil && LogColumn("") == nil && LogColumn("w1") == .name("w1"))
        let headerless = try file("1 9\n2 9\n")
        #expect(try UpdateCountFile.read(path: headerless, column: .position(2)).pooled.counts == [0, 0, 0, 0, 0, 0, 0, 0, 0, 2])
    }

    @Test func valueCountPairsAreAHistogram() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try counts("value,count\n2,5\n0,1\n2,1\n") == [1, 0, 6])
        #expect(try counts("2,5\n0,1.0e+00\n") == [1, 0, 5])
        // Two named columns that are not value,count are two workers; --layout columns says so without a header.
        #expect(try UpdateCountFile.read(path: file("w0,w1\n2,5\n")).columns.count == 2)
        #expect(try counts("2,5\n0,1\n", layout: .columns) == [1, 1, 1, 0, 0, 1])
        let wide = try file("1,2,3\n")
        #expect(throws: UpdateCountFileError.malformed(path: wide, line: 1, detail: "a value,count histogram has 2 fields, got 3")) {
            try UpdateCountFile.read(path: wide, layout: .histogram)
        }
    }

    @Test func anEmptyFieldInAColumnFileIsAMissingValue() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try UpdateCountFile.read(path: file("w0,w1,w2\n1,2,3\n1,,3\n1,,\n"))
        #expect(log.columns.map(\.histogram.total) == [3, 1, 2])
        let histogram = try file("value,count\n1,\n")
        #expect(throws: UpdateCountFileError.invalidField(path: histogram, line: 2, column: 2, field: "", reason: "is empty")) {
            try UpdateCountFile.read(path: histogram)
        }
    }

    @Test func aGzipFileReadsLikeItsPlainText() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = "w0\tw1\n"
        for index in 0..<30_000 { text += "\(index % 17)\t\(index % 5).0\n" }
        let plain = try UpdateCountFile.read(path: file(text))
        #expect(try UpdateCountFile.read(path: gzipFile(text)) == plain)
        #expect(plain.pooled.total == 60_000)
        #expect(plain.columns[1].histogram.counts == [6_000, 6_000, 6_000, 6_000, 6_000])
    }
}
