import Foundation
import Testing
@testable import StalenessSimulation

@Suite struct UpdateCountFileTests {
    private let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("counts-\(UUID().uuidString)")

    private func file(_ text: String) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func readsAColumnOfIntegersWithOrWithoutHeader() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try UpdateCountFile.read(from: file("3\n1\n3\n\n2\n")).counts == [0, 1, 1, 2])
        #expect(try UpdateCountFile.read(from: file("staleness\r\n3\r\n1\r\n")).counts == [0, 1, 0, 1])
    }

    @Test func readsValueCountPairsAsAHistogram() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try UpdateCountFile.read(from: file("value,count\n2,5\n0,1\n2,1\n")).counts == [1, 0, 6])
    }

    @Test func readsANamedColumn() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = try file("arrival,worker,staleness\n4,0,3\n5,1,2\n6,2,3\n")
        #expect(try UpdateCountFile.read(from: trace, column: "staleness").counts == [0, 0, 1, 2])
        #expect(throws: UpdateCountFileError.unknownColumn(path: trace.path, column: "delay")) {
            try UpdateCountFile.read(from: trace, column: "delay")
        }
    }

    @Test func malformedLinesAreNamed() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = try file("1\n2\n-4\n")
        #expect(throws: UpdateCountFileError.malformed(path: bad.path, line: 3, detail: "'-4' is not a non-negative integer")) {
            try UpdateCountFile.read(from: bad)
        }
        let ragged = try file("1,2\n3\n")
        #expect(throws: UpdateCountFileError.malformed(path: ragged.path, line: 2, detail: "expected 2 fields, got 1")) {
            try UpdateCountFile.read(from: ragged)
        }
        let empty = try file("value,count\n")
        #expect(throws: UpdateCountFileError.empty(path: empty.path)) { try UpdateCountFile.read(from: empty) }
        let missing = directory.appendingPathComponent("missing.csv")
        #expect(throws: UpdateCountFileError.cannotRead(path: missing.path, reason: "No such file or directory")) {
            try UpdateCountFile.read(from: missing)
        }
    }
}
