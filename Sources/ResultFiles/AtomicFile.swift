import Foundation

/// Writes a file so that readers see either the old content or the complete new content, never a
/// partial one: the bytes go to a temporary file beside the target, which is then renamed over it.
public enum AtomicFile {
    /// Writes `data` to `url`, creating missing parent directories.
    /// - Throws: `OutputError.cannotWrite` naming the path when the directory cannot be created or
    ///   the file cannot be written; nothing is left at `url` in that case.
    public static func write(_ data: Data, to url: URL) throws(OutputError) {
        var file = AtomicFileSet()
        try file.add(data, to: url)
        _ = try file.publish()
    }

    /// For writers that stream (traces, downloads): creates `url`'s missing parent directories and
    /// returns the temporary path beside it to write to; ``publish(_:as:)`` then puts it in place.
    /// - Throws: `OutputError.cannotWrite` when the directory cannot be created.
    public static func stage(_ url: URL) throws(OutputError) -> URL {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: url.path, reason: "cannot create directory \(directory.path)")
        }
        return directory.appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
    }

    /// Checks now, before any work, that `url` can be written later: creates its missing parent
    /// directories, then creates and removes a temporary file beside it. Nothing else is touched.
    /// - Throws: `OutputError.cannotWrite` naming `url` and the reason (a directory in the way,
    ///   a parent that cannot be created, a file system that refuses new files).
    public static func checkWritable(_ url: URL) throws(OutputError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .cannotWrite(path: url.path, reason: "it is a directory")
        }
        let temporary = try stage(url)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
        close(descriptor)
        unlink(temporary.path)
    }

    /// Renames the complete `temporary` file (from ``stage(_:)``) over `url`.
    /// - Throws: `OutputError.cannotWrite` when the rename fails; the temporary file is removed.
    public static func publish(_ temporary: URL, as url: URL) throws(OutputError) {
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: url.path, reason: reason)
        }
    }

    /// Writes `text` as UTF-8; see ``write(_:to:)-(Data,_)``.
    public static func write(_ text: String, to url: URL) throws(OutputError) {
        try write(Data(text.utf8), to: url)
    }

    /// The POSIX reason behind a Foundation write error (`No space left on device`), in the system's
    /// words rather than Foundation's, else its description.
    static func describe(_ error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileWriteOutOfSpaceError: return String(cString: strerror(ENOSPC))
            case NSFileWriteNoPermissionError: return String(cString: strerror(EACCES))
            case NSFileWriteVolumeReadOnlyError: return String(cString: strerror(EROFS))
            case NSFileNoSuchFileError, NSFileWriteInvalidFileNameError: return String(cString: strerror(ENOENT))
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
