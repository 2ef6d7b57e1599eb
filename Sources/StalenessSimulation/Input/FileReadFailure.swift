import Foundation

/// Why a file cannot be read, in the words of the system (`No such file or directory`, ...).
enum FileReadFailure {
    /// The reason reading `url` failed with `error`: the POSIX message when there is one.
    static func reason(_ url: URL, _ error: any Error) -> String {
        if !FileManager.default.fileExists(atPath: url.path) { return String(cString: strerror(ENOENT)) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return String(cString: strerror(EISDIR))
        }
        if !FileManager.default.isReadableFile(atPath: url.path) { return String(cString: strerror(EACCES)) }
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }
}
