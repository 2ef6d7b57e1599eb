import Foundation
import ResultFiles
import StalenessSimulation

/// Checks an output directory before a long computation, so an unwritable path fails in a second
/// rather than after the work is done.
public enum OutputDirectory {
    /// Creates `directory` if needed and checks that files can be created in it.
    /// - Throws: `OutputError.cannotWrite` naming the directory and the reason.
    public static func prepare(_ directory: URL) throws(OutputError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .cannotWrite(path: directory.path, reason: "it is a file, not a directory")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: directory.path, reason: "cannot create the directory")
        }
        guard access(directory.path, W_OK | X_OK) == 0 else {
            throw .cannotWrite(path: directory.path, reason: String(cString: strerror(errno)))
        }
    }
}
