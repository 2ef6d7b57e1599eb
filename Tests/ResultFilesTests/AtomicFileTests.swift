import Foundation
import Testing
@testable import ResultFiles

@Suite struct AtomicFileTests {
    @Test func writesCompleteFileAndCreatesDirectories() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("a/b/out.txt")
        try AtomicFile.write("hello\n", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "hello\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(leftovers == ["out.txt"])
    }

    @Test func unwritablePathThrowsAndLeavesNothing() {
        let url = URL(fileURLWithPath: "/proc/definitely/not/writable.csv")
        #expect(throws: OutputError.self) { try AtomicFile.write("x", to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}

@Suite struct CSVTableTests {
    @Test func quotesFieldsThatNeedIt() {
        var table = CSVTable(header: ["name", "value"])
        table.append(["plain", "1"])
        table.append(["has,comma", "say \"hi\""])
        #expect(table.text == "name,value\nplain,1\n\"has,comma\",\"say \"\"hi\"\"\"\n")
    }
}
