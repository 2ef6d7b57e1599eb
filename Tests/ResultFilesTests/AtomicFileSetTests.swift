import Foundation
import ResultFiles
import Testing

/// A set of files is published whole or not at all.
@Suite struct AtomicFileSetTests {
    private static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("file-set-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func publishesEveryFileInOrder() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var files = AtomicFileSet()
        try files.add("one", to: directory.appendingPathComponent("a.txt"))
        try files.add(Data([1, 2, 3]), to: directory.appendingPathComponent("sub/b.bin"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("a.txt").path),
                "nothing is in place before publish")
        let published = try files.publish()
        #expect(published.map(\.lastPathComponent) == ["a.txt", "b.bin"])
        #expect(try String(contentsOf: directory.appendingPathComponent("a.txt"), encoding: .utf8) == "one")
        #expect(try Data(contentsOf: directory.appendingPathComponent("sub/b.bin")) == Data([1, 2, 3]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["a.txt", "sub"])
    }

    /// The second file cannot be written (its directory is a file): the first keeps its old content
    /// and no temporary is left behind.
    @Test func aFailureLeavesTheOldSetWhole() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("a.txt")
        try "old".write(to: first, atomically: true, encoding: .utf8)
        try "a file".write(to: directory.appendingPathComponent("blocker"), atomically: true, encoding: .utf8)
        var files = AtomicFileSet()
        try files.add("new", to: first)
        #expect(throws: OutputError.self) { try files.add("x", to: directory.appendingPathComponent("blocker/b.txt")) }
        #expect(try files.publish().isEmpty)
        #expect(try String(contentsOf: first, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["a.txt", "blocker"])
    }
}
